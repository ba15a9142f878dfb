import type { QueueConnection, QueueOptions } from '@kyyvideo/jobs/postgres';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

/** `--queue` must name a PostgreSQL database; anything else is refused before connecting. */
export function checkQueueUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--queue must be a PostgreSQL URL like postgres://user@host:5432/kyy; got ${quote(value)}.`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError(
      `--queue must start with postgres:// or postgresql:// (got ${url.protocol}//); for example postgres://user@host:5432/kyy.`,
    );
  }
  return value;
}

/** The database could not be reached or set up; says where without the password. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/**
 * Connects to the queue's database (loading pg and pg-boss only now, so other commands never
 * do) and makes its tables and queues when they are missing.
 */
export async function openQueueAt(
  url: string,
  options: QueueOptions & { onError?: (error: Error) => void } = {},
): Promise<QueueConnection> {
  const { openQueue, displayUrl } = await import('@kyyvideo/jobs/postgres');
  try {
    return await openQueue(url, options);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--lease: ${error.message}.`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new QueueUnavailableError(
      `Cannot use the queue at ${displayUrl(url)}: ${reason.split(url).join(displayUrl(url))}. Check that PostgreSQL is running there and the database exists (createdb).`,
    );
  }
}
