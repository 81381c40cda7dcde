// Preloaded into a measured node process (`node -r bench/max-rss.cjs …`): on exit, appends the
// process's peak resident set size (all threads, so workers count) to $PPR_BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');

const out = process.env.PPR_BENCH_RSS_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
