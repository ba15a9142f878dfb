/**
 * PostgreSQL may restart under running workers. Errors that mean "the connection is gone" (and
 * the other transient ones: a deadlock, a full server) are retried until the server is back; every store write is a compare-and-set on the row's state,
 * so a retry after a commit whose answer was lost is recognised, not applied twice.
 */

/** How long a store call keeps trying while the server is away. */
export const RECONNECT_LIMIT_MS = 120_000;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08003',
  '08006',
]);

/**
 * Failures that pass by themselves, and after which the whole operation can run again: the
 * transaction was rolled back (a deadlock, a serialization failure), or the server is full for
 * now (too many connections, as workers reconnect after a restart).
 */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57014', // query_canceled (statement timeout)
]);

/** Host names that do not resolve for a moment, or a route that is down (a failover). */
const TRANSIENT_NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A lost connection, or another failure that retrying the operation as a whole gets past. */
export function isTransientError(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && (TRANSIENT_CODES.has(code) || TRANSIENT_NETWORK_CODES.has(code))
  );
}

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    error.message,
  );
}

/** Resolves after `ms`, or at once when `signal` fires. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function withReconnect<T>(
  operation: () => Promise<T>,
  options: { signal?: AbortSignal; limitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.limitMs ?? RECONNECT_LIMIT_MS);
  let delay = FIRST_DELAY_MS;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransientError(error) || Date.now() > deadline || options.signal?.aborted) {
        throw error;
      }
      await pause(delay, options.signal);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    }
  }
}
