/**
 * `kyy --help | head -1`: the reader goes away and the next write fails with EPIPE. Node reports
 * that as an unhandled 'error' event (a stack trace and exit 1). A closed reader is not kyy's
 * failure, so the error is swallowed: the stream is already destroyed, later writes to it are
 * dropped, and the command finishes with its own exit code. Finishing (instead of exiting at once)
 * matters for uploads: leaving mid-request would turn a sent upload into an unknown outcome.
 */
export function ignoreBrokenPipe(stream: NodeJS.EventEmitter): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    // Anything else is a real fault; rethrowing keeps Node's default report for it.
    throw error;
  });
}
