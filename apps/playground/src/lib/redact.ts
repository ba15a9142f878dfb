/** What a secret is replaced with wherever text might show it. */
export const MASK = '••••••••';

/**
 * Replaces every occurrence of `secret` in `text`. A last line of defence: errors and bodies
 * should never contain the key, but if a server echoes it back it still won't reach the screen.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join(MASK);
}
