/** The one mask shown wherever a secret would have appeared. */
export const SECRET_MASK = '[redacted]';

/**
 * Shortest secret masked in free text. Real API keys are long random strings; a string of a few
 * characters (`e`, `1`, `abc`) occurs by chance in words, numbers and ids, and masking it there
 * corrupted what kyy printed (a task id, a JSON number) without hiding anything.
 */
export const MIN_MASKED_SECRET_LENGTH = 8;

// Letters and digits glue to a key into one longer word, so an occurrence touching one is part of
// something else, not the key on its own. `-` and `_` separate: a server echoing `x-<key>` or
// `key_<key>` still shows the key, and an id's parts (video_…, asset-…) are whole tokens.
const WORD = /[\p{L}\p{N}]/u;
// What ends an escape: `%2F` (URL), `\n` or `\u0020` (JSON). The letter or digit before the key
// is then the escape's last character, not part of a word with the key.
const ESCAPE_BEFORE = /(?:%[0-9A-Fa-f]{2}|\\[bfnrt]|\\u[0-9A-Fa-f]{4})$/;
// Only digits, signs, points and exponents: such a key could be part of a JSON number.
const NUMBER_LIKE = /^[0-9eE.+-]+$/;

/** True when `secret` is masked in free text: long enough to be a key, and not number-shaped. */
export function isMaskableSecret(secret: string | undefined): secret is string {
  return (
    typeof secret === 'string' &&
    secret.length >= MIN_MASKED_SECRET_LENGTH &&
    !NUMBER_LIKE.test(secret)
  );
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** The forms a key takes when echoed inside JSON: escaped once, or twice (a message in a message). */
function jsonFormsOf(secret: string): string[] {
  const once = jsonEscaped(secret);
  return [once, jsonEscaped(once)];
}

const hexDigit = (digit: string) =>
  /[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit;

/**
 * The key as is or percent-encoded, any character of it either way (a URL encoder may escape
 * more than `encodeURIComponent` does, `-` as `%2D`), hex in either case, `+` for a space.
 */
function echoPattern(secret: string): RegExp {
  let pattern = '';
  for (const char of secret) {
    const bytes = [...new TextEncoder().encode(char)];
    const encoded = bytes
      .map(
        (byte) =>
          `%${[...byte.toString(16).toUpperCase().padStart(2, '0')].map(hexDigit).join('')}`,
      )
      .join('');
    const raw = char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    pattern += `(?:${raw}|${encoded}${char === ' ' ? '|\\+' : ''})`;
  }
  return new RegExp(pattern, 'gu');
}

// Built once per key: redaction runs on every line kyy writes.
const patterns = new Map<string, RegExp>();
function patternOf(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (!pattern) {
    pattern = echoPattern(secret);
    if (patterns.size > 64) patterns.clear();
    patterns.set(secret, pattern);
  }
  return pattern;
}

function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const beforeOk =
    before === undefined || !WORD.test(before) || ESCAPE_BEFORE.test(text.slice(0, start));
  return beforeOk && (after === undefined || !WORD.test(after));
}

function maskForm(text: string, form: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
    if (at < from || !standsAlone(text, at, at + form.length)) continue;
    out += text.slice(from, at) + SECRET_MASK;
    from = at + form.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * `text` with each secret replaced by {@link SECRET_MASK} wherever it stands as a whole: not
 * glued to a letter or digit on either side (so it is never a piece of a word or a number). Masked in every form a server or a library echoes it: as is, JSON-escaped (once or
 * twice, as inside a message inside a JSON document) and percent-encoded (upper- or lower-case
 * hex, `+` for a space). Secrets that cannot be a real key are left alone
 * ({@link isMaskableSecret}): shorter than {@link MIN_MASKED_SECRET_LENGTH}, or made only of the
 * characters of a number. So an id or a JSON number is never altered unless it is the key itself.
 * A last line of defence: nothing should print the key in the first place.
 */
export function redactSecret(
  text: string,
  secrets: string | undefined | readonly (string | undefined)[],
): string {
  const list = typeof secrets === 'string' || secrets === undefined ? [secrets] : secrets;
  const keys = list.filter(isMaskableSecret);
  const forms = new Set<string>();
  for (const secret of keys) for (const form of jsonFormsOf(secret)) forms.add(form);
  let out = text;
  // Longest first, so an escaped form is replaced whole before a shorter form inside it.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(form)) out = maskForm(out, form);
  }
  for (const secret of [...keys].sort((a, b) => b.length - a.length)) {
    out = out.replace(patternOf(secret), (match: string, at: number, whole: string) =>
      standsAlone(whole, at, at + match.length) ? SECRET_MASK : match,
    );
  }
  return out;
}
