import type { IncomingMessage } from 'node:http';

/** Largest request body the standalone server accepts: an upload is a few hundred bytes of JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Default budget for all request bodies held in memory at once. Bodies that trickle in slowly
 * (or never finish) each hold their bytes until the request timeout; without a shared budget, 150
 * stalled 1 MiB bodies held 150 MiB.
 */
export const DEFAULT_BODY_BUDGET_BYTES = 16 * 1024 * 1024;

export type BodyResult =
  | { ok: true; body: string }
  | { ok: false; reason: 'too-large' | 'over-budget' };

/** Bytes of request bodies currently held, shared by every request of one server. */
export interface BodyBudget {
  limit: number;
  used: number;
}

const EMPTY: BodyResult = { ok: true, body: '' };

// Request.text() drops a UTF-8 byte-order mark; the msw transports see bodies that way, so the
// server does the same and both validate the same text.
function decode(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Collects a request body up to `limit` bytes, within the shared `budget`. A declared
 * Content-Length over the limit is refused before reading anything; a chunked body as soon as
 * it crosses the limit, so at most `limit` bytes are ever held for one request.
 */
export function readBody(
  req: IncomingMessage,
  budget: BodyBudget,
  limit = MAX_BODY_BYTES,
): BodyResult | Promise<BodyResult> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) {
    // No body at all (a GET, a DELETE): nothing to wait for.
    req.resume();
    return EMPTY;
  }
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'too-large' };
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    const release = () => {
      budget.used -= held;
      held = 0;
    };
    const cleanup = () => {
      release();
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const stop = (reason: 'too-large' | 'over-budget') => {
      cleanup();
      chunks.length = 0;
      // Stop reading; the caller answers and closes the connection.
      req.pause();
      resolve({ ok: false, reason });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop('too-large');
      if (budget.used + chunk.length > budget.limit) return stop('over-budget');
      budget.used += chunk.length;
      held += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({
        ok: true,
        body: decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)),
      });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // A connection closed mid-body (or by the request timeout) gives its bytes back.
    const onClose = () => {
      if (!req.complete) {
        cleanup();
        reject(new Error('connection closed before the request body was complete'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
