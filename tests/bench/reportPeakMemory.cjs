// Preloaded into benchmarked processes: reports their peak resident memory on exit.
process.on('exit', () => {
  process.stderr.write(`kabyl-peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
