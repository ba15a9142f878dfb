/** Something on the command line, in a manifest or in the configuration needs fixing. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The user answered "no" (or nothing) when asked to confirm a deletion. */
export class NotConfirmedError extends Error {
  override readonly name = 'NotConfirmedError';
}

/** `kyy mock` could not start listening (port taken, no permission, unknown host): exit 1. */
export class MockStartError extends Error {
  override readonly name = 'MockStartError';
}

/** Another kyy run is writing the same batch results file: exit 5, nothing was sent. */
export class ResultsBusyError extends Error {
  override readonly name = 'ResultsBusyError';
}
