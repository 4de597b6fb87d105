// Loaded into every server the bench measures (`node --import ./bench/cpu-probe.js ...`): answers
// the bench's `cpu` message with the process's CPU time so far, in microseconds, as
// `process.cpuUsage()` counts it (every thread of the process): user and system together, and user
// alone (system time is mostly the kernel's work of writing responses to the socket). Plain JavaScript, so that the
// servers need no TypeScript loader.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system, userMicros: user });
  }
});
