import { MAX_NAME_LENGTH } from './limits.js';
import { type Problem, refusal } from './problem.js';
import { typeName } from './value.js';

/**
 * `name` is optional; when given it is a string of at most {@link MAX_NAME_LENGTH} characters
 * with something besides whitespace in it. An empty or blank name is refused (leave it out
 * instead); spaces around a name are kept as given, never trimmed. Whether an empty form field
 * or CSV cell means "not given" is the consumer's reading of its own input, decided before this.
 */
export function checkName(value: unknown, field = 'name'): Problem[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    return [
      refusal(field, 'type', `Give the name as text, or leave it out (got ${typeName(value)}).`),
    ];
  }
  if (value.trim() === '') {
    return [
      refusal(
        field,
        'format',
        'The name is empty or only whitespace; give a name or leave it out (it is optional).',
        value,
      ),
    ];
  }
  if (value.length > MAX_NAME_LENGTH) {
    return [
      refusal(
        field,
        'too-long',
        `Keep it to ${MAX_NAME_LENGTH} characters (it has ${value.length}).`,
        value,
      ),
    ];
  }
  return [];
}
