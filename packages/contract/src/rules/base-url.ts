import { DEFAULT_BASE_URL } from '../constants.js';
import { type Problem, refusal } from './problem.js';
import { INVISIBLE } from './url.js';
import { typeName } from './value.js';

/**
 * Where the API lives: an absolute `http:` or `https:` URL with a host, and nothing a request
 * path would be appended to badly or that would leak: no credentials (the key travels as a
 * bearer token, never in the URL), no query string and no fragment. Trailing slashes are
 * allowed (consumers drop them). Nothing is trimmed: no whitespace or control characters.
 */
export function checkBaseUrl(value: unknown, field = 'baseUrl'): Problem[] {
  if (value === undefined || value === null || value === '') {
    return [refusal(field, 'missing', `Give the API's base URL, like ${DEFAULT_BASE_URL}.`)];
  }
  if (typeof value !== 'string') {
    return [refusal(field, 'type', `Give the base URL as a string (got ${typeName(value)}).`)];
  }
  if (INVISIBLE.test(value)) {
    return [
      refusal(
        field,
        'format',
        'Remove the spaces, tabs, line breaks or control characters.',
        value,
      ),
    ];
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return [refusal(field, 'format', `Give an absolute URL, like ${DEFAULT_BASE_URL}.`, value)];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [
      refusal(field, 'format', `Use an http or https URL; this one is ${parsed.protocol}.`, value),
    ];
  }
  if (parsed.hostname === '' || !/^https?:\/\//i.test(value)) {
    return [
      refusal(
        field,
        'format',
        `Write the scheme with "//" and a host, like ${DEFAULT_BASE_URL}.`,
        value,
      ),
    ];
  }
  if (parsed.username || parsed.password) {
    // The value is not quoted back: it holds a credential.
    return [
      refusal(
        field,
        'format',
        'Remove the credentials (user name and password) from the URL; the API key is sent as a bearer token.',
      ),
    ];
  }
  if (parsed.search || parsed.hash || value.includes('?') || value.includes('#')) {
    return [refusal(field, 'format', 'Remove the query string and fragment (? and #).', value)];
  }
  return [];
}
