// `PPR_TIMINGS=1`: how long each phase of a CLI scan took (listing, reading, each wrapper round,
// analysis, caches), on standard error, so a slow tree can be diagnosed without a profiler.

export function phaseTimer(): { phase(label: string): void } {
  const enabled = !!process.env.PPR_TIMINGS;
  let last = performance.now();
  return {
    phase(label) {
      const now = performance.now();
      if (enabled) process.stderr.write(`${(now - last).toFixed(0).padStart(7)} ms  ${label}\n`);
      last = now;
    },
  };
}
