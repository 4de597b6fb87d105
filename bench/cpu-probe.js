// Loaded into every server the bench measures (`node --import ./bench/cpu-probe.js ...`): answers
// the bench's `cpu` message with the process's CPU time so far, user and system, in microseconds,
// as `process.cpuUsage()` counts it (every thread of the process). Plain JavaScript, so that the
// servers need no TypeScript loader.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
