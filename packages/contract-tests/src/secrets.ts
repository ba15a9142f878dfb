import { redactSecret } from '@kyyvideo/contract';

// How far down a `cause` chain to look; real chains are one or two links long.
const MAX_CAUSE_DEPTH = 5;

/** Everything a test runner may print about an error: message, stack, own fields, causes. */
function printable(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  let fields = '';
  try {
    fields = JSON.stringify({ ...error });
  } catch {
    fields = '';
  }
  const cause =
    depth < MAX_CAUSE_DEPTH && error.cause !== undefined ? printable(error.cause, depth + 1) : '';
  return [error.message, error.stack ?? '', fields, cause].join('\n');
}

/**
 * `error` itself when nothing a runner could print about it contains a secret; otherwise a plain
 * Error with the same name and masked message and stack (fields and causes are dropped, since
 * they are where the secret was).
 */
export function maskError(error: unknown, secrets: readonly string[]): Error {
  const text = printable(error);
  const leaks = secrets.some((secret) => secret.length > 0 && text.includes(secret));
  if (error instanceof Error && !leaks) return error;
  if (!(error instanceof Error)) return new Error(redactSecret(String(error), secrets));
  const masked = new Error(redactSecret(error.message, secrets));
  masked.name = error.name;
  masked.stack = error.stack === undefined ? undefined : redactSecret(error.stack, secrets);
  return masked;
}
