import { redactSecret, SECRET_MASK } from '@kyyvideo/contract';

/** What a secret is replaced with wherever text might show it: the contract's one mask. */
export const MASK = SECRET_MASK;

/**
 * Replaces every occurrence of `secret` in `text` (the contract's redactSecret). A last line of
 * defence: errors and bodies should never contain the key, but if a server echoes it back it
 * still won't reach the screen.
 */
export function redact(text: string, secret: string | undefined): string {
  return redactSecret(text, secret);
}
