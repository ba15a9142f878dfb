/** What a secret is replaced with in anything the suite prints or throws. */
export const MASK = '***';

/**
 * Replaces every occurrence of each secret in `text`. Secrets shorter than four characters are
 * still masked: a short key is no less secret, and over-masking a report costs nothing.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    masked = masked.split(secret).join(MASK);
  }
  return masked;
}

/** A copy of `error` whose message and stack no longer contain any secret. */
export function maskError(error: unknown, secrets: readonly string[]): Error {
  if (!(error instanceof Error)) return new Error(maskSecrets(String(error), secrets));
  const message = maskSecrets(error.message, secrets);
  if (message === error.message && !secrets.some((s) => s && error.stack?.includes(s))) {
    return error;
  }
  const masked = new Error(message);
  masked.name = error.name;
  masked.stack = error.stack === undefined ? undefined : maskSecrets(error.stack, secrets);
  return masked;
}
