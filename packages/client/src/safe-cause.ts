/**
 * A copy of a thrown value that is safe to keep as an error's `cause`.
 *
 * openapi-fetch hands fetch a Request carrying the Authorization header, and an injected fetch
 * (ky, ofetch and similar) may attach that request, its headers or its options to the error it
 * throws. Keeping the original as `cause` would let `util.inspect`, a logger or an error tracker
 * walk into it and print the key. So only what diagnosis and retry classification need is
 * copied — `name`, `message`, `code`, and the nested `cause` / `errors` reduced the same way —
 * with the key removed from every string. Nothing else of the original object is kept.
 */

/** Real fetch failures nest two or three levels (TypeError → AggregateError → socket error). */
const MAX_CAUSE_DEPTH = 8;

/** Happy-eyeballs connects try a handful of addresses; more members add nothing to a diagnosis. */
const MAX_AGGREGATE_MEMBERS = 16;

type Redact = (text: string) => string;

const keep = (text: string) => text;

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  try {
    const value = record[key];
    return typeof value === 'string' ? value : undefined;
  } catch {
    // A throwing getter on someone else's error must not break error handling.
    return undefined;
  }
}

function field(record: Record<string, unknown>, key: string): unknown {
  try {
    return record[key];
  } catch {
    return undefined;
  }
}

/** Copies made so far; null while a copy is in progress, so a cycle is cut instead of followed. */
type Copies = Map<object, Error | null>;

function copy(value: unknown, redact: Redact, depth: number, copies: Copies): Error | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' && typeof value !== 'function') {
    return new Error(redact(String(value)));
  }
  // A shared member (the same error listed twice) maps to the same copy; a cycle is dropped.
  if (copies.has(value)) return copies.get(value) ?? undefined;
  if (depth > MAX_CAUSE_DEPTH) return undefined;
  copies.set(value, null);
  const record = value as Record<string, unknown>;
  const name = redact(stringField(record, 'name') ?? 'Error');
  const message = redact(stringField(record, 'message') ?? '');
  const rawCode = field(record, 'code');
  const rawErrors = field(record, 'errors');
  const nested = field(record, 'cause');

  const cause = copy(nested, redact, depth + 1, copies);
  const members = Array.isArray(rawErrors)
    ? rawErrors
        .slice(0, MAX_AGGREGATE_MEMBERS)
        .map((member) => copy(member, redact, depth + 1, copies))
        .filter((member): member is Error => member !== undefined)
    : undefined;
  const options = cause === undefined ? undefined : { cause };
  const safe =
    members === undefined
      ? new Error(message, options)
      : new AggregateError(members, message, options);
  Object.defineProperty(safe, 'name', { value: name, writable: true, configurable: true });
  if (typeof rawCode === 'string') Object.assign(safe, { code: redact(rawCode) });
  else if (typeof rawCode === 'number') Object.assign(safe, { code: rawCode });
  // The copy's own stack would point here, which misleads; the original's may quote the key.
  const stack = stringField(record, 'stack');
  Object.defineProperty(safe, 'stack', {
    value: stack === undefined ? `${name}: ${message}` : redact(stack),
    writable: true,
    configurable: true,
  });
  copies.set(value, safe);
  return safe;
}

/** The safe copy of `value` (undefined for undefined/null). `redact` removes the API key. */
export function safeCause(value: unknown, redact: Redact = keep): Error | undefined {
  return copy(value, redact, 0, new Map());
}
