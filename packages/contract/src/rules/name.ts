import { MAX_NAME_LENGTH } from './limits.js';
import type { Problem } from './problem.js';
import { shownValue, typeName } from './value.js';

/** `name` is optional; when given it is a string of at most {@link MAX_NAME_LENGTH} characters. */
export function checkName(value: unknown, field = 'name'): Problem[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    return [
      {
        field,
        kind: 'type',
        hint: `Give the name as text, or leave it out (got ${typeName(value)}).`,
        severity: 'error',
      },
    ];
  }
  if (value.length > MAX_NAME_LENGTH) {
    const shown = shownValue(value);
    return [
      {
        field,
        kind: 'too-long',
        hint: `Keep it to ${MAX_NAME_LENGTH} characters (it has ${value.length}).`,
        ...(shown === undefined ? {} : { value: shown }),
        severity: 'error',
      },
    ];
  }
  return [];
}
