import { EXAMPLE_URL, MAX_URL_LENGTH } from './limits.js';
import { type Problem, refusal } from './problem.js';
import { typeName } from './value.js';

// Whitespace and control characters anywhere (WHATWG parsing would strip or encode some of
// them silently, so `ht\ttps://…` or a trailing newline would otherwise pass).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/u;

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

function parses(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

const notAbsolute = (field: string, value: string): Problem =>
  refusal(
    field,
    'format',
    `Give an absolute URL with scheme and host, like ${EXAMPLE_URL}.`,
    value,
  );

/**
 * A URL the service can download: an absolute `http:` or `https:` URL with a host, as the WHATWG
 * URL parser reads it, written without whitespace or control characters anywhere, and at most
 * {@link MAX_URL_LENGTH} characters. Nothing is trimmed: what is checked is what is sent.
 */
export function checkUrl(value: unknown, field = 'url'): Problem[] {
  if (value === undefined || value === null || value === '') {
    return [
      refusal(field, 'missing', `Give the public http(s) URL of the file, like ${EXAMPLE_URL}.`),
    ];
  }
  if (typeof value !== 'string') {
    return [refusal(field, 'type', `Give the URL as a string (got ${typeName(value)}).`)];
  }
  if (value.length > MAX_URL_LENGTH) {
    return [
      refusal(
        field,
        'too-long',
        `Keep it to ${MAX_URL_LENGTH} characters (it has ${value.length}); host the file and give its public URL.`,
        value,
      ),
    ];
  }
  if (INVISIBLE.test(value)) {
    // Text such as "not a url" is no URL with a stray space in it: say what a URL looks like.
    if (!parses(value.replace(INVISIBLE_ALL, ''))) return [notAbsolute(field, value)];
    return [
      refusal(
        field,
        'format',
        'Remove the spaces, tabs, line breaks or control characters (encode a space inside the URL as %20).',
        value,
      ),
    ];
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return [notAbsolute(field, value)];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [
      refusal(
        field,
        'format',
        `Use an http:// or https:// URL (the service downloads it); this one is ${parsed.protocol}.`,
        value,
      ),
    ];
  }
  // `https:example.com` parses (the parser supplies the slashes) but is not what anyone means.
  if (parsed.hostname === '' || !/^https?:\/\//i.test(value)) {
    return [
      refusal(
        field,
        'format',
        `Write the scheme with "//" and a host, like ${EXAMPLE_URL}.`,
        value,
      ),
    ];
  }
  return [];
}
