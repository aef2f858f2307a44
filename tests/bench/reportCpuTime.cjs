// Preloaded into benchmarked processes: reports the CPU time they used on exit,
// which, unlike wall time, does not grow when other work shares the machine.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`kabyl-cpu-ms=${Math.round((u.user + u.system) / 1000)}\n`);
});
