/**
 * What a command-line tool does when the reader of its output goes away (`npm run scenario …
 * | head`): the next write fails with EPIPE, which Node raises as an unhandled error and a
 * stack trace. Like any Unix tool, ours stop writing instead: `then` runs once (exit, or carry
 * on without output), and any other write error is still raised.
 */
export function onClosedStdout(then: () => void): void {
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (closed) return;
    closed = true;
    then();
  });
}
