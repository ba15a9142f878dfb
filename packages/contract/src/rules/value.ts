import { MAX_QUOTED_LENGTH } from './limits.js';

/**
 * An offending value as a problem may quote it: shortened, and with a URL's password masked
 * (`https://user:pw@host` is how people paste credentials by accident). Absent when empty.
 */
export function shownValue(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    if (value === undefined || value === null) return undefined;
    return typeof value;
  }
  if (value === '') return undefined;
  const masked = value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:)[^/@\s]*@/i, '$1[redacted]@');
  return masked.length > MAX_QUOTED_LENGTH ? `${masked.slice(0, MAX_QUOTED_LENGTH)}…` : masked;
}

/** The JavaScript type of a value, in words (`an array`, `null`, `number`). */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
