import { KyyError } from './errors.js';
import { safeCause } from './safe-cause.js';

type Redact = (text: string) => string;

/** Fields of client errors that can hold text the service sent. */
const TEXT_FIELDS = [
  'message',
  'stack',
  'code',
  'msg',
  'assetId',
  'taskId',
  'location',
  'lastStatus',
  'serviceError',
];

function replace(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    configurable: true,
    enumerable: Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false,
  });
}

function redactRecord(record: Record<string, unknown>, redact: Redact): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    copy[key] = typeof value === 'string' ? redact(value) : value;
  }
  return copy;
}

/** Every text a printer could show of a (reduced) cause chain. */
function causeText(value: Error | undefined, depth = 0): string {
  if (value === undefined || depth > 8) return '';
  const record = value as unknown as Record<string, unknown>;
  const members = Array.isArray(record.errors) ? (record.errors as Error[]) : [];
  return [
    value.name,
    value.message,
    value.stack ?? '',
    String(record.code ?? ''),
    ...members.map((member) => causeText(member, depth + 1)),
    causeText(value.cause as Error | undefined, depth + 1),
  ].join('\n');
}

/**
 * `error`, with the API key removed from every field a person or a logger could see: message,
 * stack, the service's code and msg, names it quoted, the failed asset, and the whole cause
 * chain. Errors are built from redacted pieces already; this is the guarantee at the boundary,
 * for any path that forgot (a server can echo the key into any part of its answer).
 */
export function scrubError<E extends KyyError>(error: E, redact: Redact, depth = 0): E {
  const record = error as unknown as Record<string, unknown>;
  for (const key of TEXT_FIELDS) {
    const value = record[key];
    if (typeof value !== 'string') continue;
    const clean = redact(value);
    if (clean !== value) replace(error, key, clean);
  }
  for (const key of ['asset', 'task']) {
    const value = record[key];
    if (typeof value === 'object' && value !== null) {
      replace(error, key, redactRecord(value as Record<string, unknown>, redact));
    }
  }
  const cause = record.cause;
  if (cause instanceof KyyError && depth < 8) scrubError(cause, redact, depth + 1);
  else if (cause !== undefined) {
    // Kept as is unless it shows the key (an abort's reason stays the caller's own object).
    const text = causeText(safeCause(cause));
    if (redact(text) !== text) replace(error, 'cause', safeCause(cause, redact));
  }
  return error;
}
