// A pool worker that dies mid-task, as one does when it runs out of memory or a native
// module aborts: the runner must fail the run with a message, not wait for it.
export default function dieOnReplicationTwo(task) {
  if (task.replication === 2) process.exit(3);
  return new Float64Array(0);
}
