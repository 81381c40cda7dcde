// Bytes → text, or a reason to skip: binary content, size limit, minified bundles.
// Invalid UTF-8 falls back to Latin-1 so a legacy-encoded file is still analysed.

export interface DecodeOptions {
  maxBytes: number;
}

export type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'latin-1' } | { ok: false; reason: string };

export const DEFAULT_MAX_BYTES = 1_000_000;

// Made once: constructing a TextDecoder per file cost more than decoding the file.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LATIN1 = new TextDecoder('latin1');

export function decodeSource(bytes: Uint8Array, options: DecodeOptions): Decoded {
  if (bytes.length > options.maxBytes)
    return {
      ok: false,
      reason: `file is larger than the ${Math.round(options.maxBytes / 1000)} kB limit (${Math.round(bytes.length / 1000)} kB)`,
    };
  const sniff = bytes.subarray(0, 8192);
  if (sniff.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  let text: string;
  let encoding: 'utf-8' | 'latin-1' = 'utf-8';
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = LATIN1.decode(bytes);
    encoding = 'latin-1';
  }
  if (isMinified(text)) return { ok: false, reason: 'minified or generated code (very long lines)' };
  return { ok: true, text, encoding };
}

/** Minified bundles: a few enormous lines. Parsing them costs much and finds nothing reviewable. */
export function isMinified(text: string): boolean {
  if (text.length < 4000) return false;
  let lines = 0;
  let longest = 0;
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    lines++;
    longest = Math.max(longest, stop - start);
    start = stop + 1;
  }
  return longest > 5000 || text.length / lines > 500;
}
