import { MAX_NAME_LENGTH, MAX_URL_LENGTH } from '@kyyvideo/contract';
import { UsageError } from './errors.js';

/**
 * The client's own length limits, checked up front so a batch reports every offending line at
 * once instead of failing item by item. Imported only by commands that load the client anyway.
 */
export function checkLengths(input: { url: string; name?: string }, prefix = ''): void {
  if (input.url.length > MAX_URL_LENGTH) {
    throw new UsageError(
      `${prefix}the URL is ${input.url.length} characters long; at most ${MAX_URL_LENGTH} are accepted. Host the file and give its public URL.`,
    );
  }
  if (input.name !== undefined && input.name.length > MAX_NAME_LENGTH) {
    throw new UsageError(
      `${prefix}the name is ${input.name.length} characters long; keep it to ${MAX_NAME_LENGTH}.`,
    );
  }
}
