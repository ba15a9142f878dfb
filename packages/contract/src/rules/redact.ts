/** The one mask shown wherever a secret would have appeared. */
export const SECRET_MASK = '[redacted]';

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * `text` with every occurrence of each secret replaced by {@link SECRET_MASK}, also where the
 * secret appears JSON-escaped (once or twice, as inside a message inside a JSON document).
 * Empty secrets are ignored; any other length is masked, because a short key is no less secret.
 * A last line of defence: nothing should print the key in the first place.
 */
export function redactSecret(
  text: string,
  secrets: string | undefined | readonly (string | undefined)[],
): string {
  const list = typeof secrets === 'string' || secrets === undefined ? [secrets] : secrets;
  const forms = new Set<string>();
  for (const secret of list) {
    if (!secret) continue;
    const once = jsonEscaped(secret);
    forms.add(secret).add(once).add(jsonEscaped(once));
  }
  if (forms.size === 0) return text;
  let out = text;
  // Longest first, so an escaped form is replaced whole before a shorter form inside it.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(form)) out = out.split(form).join(SECRET_MASK);
  }
  return out;
}
