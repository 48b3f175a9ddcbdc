// Preloaded (node --import) into the processes `npm start` runs: the worker and Next. They run in
// process groups of their own, so that the launcher alone decides the order in which they stop
// (docs/decisions/0022); should the launcher die without stopping them (SIGKILL), each one notices
// that its parent is gone and stops itself (SIGTERM: the worker commits its batch first).
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, "SIGTERM");
}, 1000);
watch.unref();
