import { KyyWaitTimeoutError } from '@kyyvideo/client/errors';

/**
 * The client's messages speak to programmers in its option names; kyy's users know its flags.
 * Only the wait timeout maps one to one (`timeoutMs` of waitUntilActive is `--timeout`); the
 * per-request `timeoutMs` has no kyy flag, so other messages are left as they are.
 */
export function messageInCliTerms(error: Error): string {
  if (error instanceof KyyWaitTimeoutError) {
    return error.message.replace(/\btimeoutMs\b/g, '--timeout');
  }
  return error.message;
}
