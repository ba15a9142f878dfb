import {
  type Asset,
  DOCUMENTED_POLL_INTERVAL_MS,
  DOCUMENTED_POLL_TIMEOUT_MS,
} from '@kyyvideo/contract';
import type { AssetsCore } from './assets.js';
import {
  KyyAbortError,
  KyyAssetFailedError,
  KyyConnectionError,
  KyyError,
  KyyInputError,
  type KyyOperation,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyWaitTimeoutError,
} from './errors.js';
import { checkAssetId } from './input.js';
import { scrubError } from './scrub.js';
import { safely, sleep, timedSignal } from './signals.js';
import type { WaitOptions } from './types.js';

/**
 * First pause between polls. Assets without faces usually pass review within seconds, so a
 * fixed 5 s (the documentation's sample) would add most of its wait for nothing.
 */
export const WAIT_INITIAL_INTERVAL_MS = 1_000;

/** Each pause is 1.5× the previous: quick answers for fast reviews, fewer calls for slow ones. */
export const WAIT_INTERVAL_GROWTH = 1.5;

/** Pauses stop growing at the documentation's own 5 s, so we never poll slower than it does. */
export const WAIT_MAX_INTERVAL_MS = DOCUMENTED_POLL_INTERVAL_MS;

/**
 * Each pause is shortened by up to 20 % at random, so many waiting clients do not poll in
 * lock-step; shortening (not lengthening) keeps WAIT_MAX_INTERVAL_MS a true upper bound.
 */
export const WAIT_JITTER_RATIO = 0.2;

/** The documentation's own limit: poll for at most 300 s. */
export const DEFAULT_WAIT_TIMEOUT_MS = DOCUMENTED_POLL_TIMEOUT_MS;

/** The pause after poll number `poll` (1-based), before jitter. */
export function pollIntervalMs(poll: number): number {
  return Math.min(
    WAIT_MAX_INTERVAL_MS,
    WAIT_INITIAL_INTERVAL_MS * WAIT_INTERVAL_GROWTH ** (poll - 1),
  );
}

/** Errors worth polling through: the next read may well succeed. get() has already retried. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof KyyConnectionError ||
    error instanceof KyyTimeoutError ||
    error instanceof KyyRateLimitError ||
    error instanceof KyyServerError
  );
}

/** Human-readable duration for messages: "800 ms", "12 s". */
export function duration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

/** The pause a refused poll asked for (429 or 5xx with Retry-After), if any. */
function retryAfterOf(error: unknown): number | undefined {
  return error instanceof KyyRateLimitError || error instanceof KyyServerError
    ? error.retryAfterMs
    : undefined;
}

/**
 * The server asked for a longer pause than the wait has left: polling sooner would be refused
 * again, so the wait ends at once, with the pause asked for as `retryAfterMs`.
 */
function tooLongAsked(
  plan: PollPlan<unknown, unknown>,
  error: KyyRateLimitError | KyyServerError,
  askedMs: number,
  leftMs: number,
): KyyError {
  const details = {
    operation: plan.operation,
    ...plan.ids,
    retryAfterMs: askedMs,
    cause: error,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
  };
  const message = `Stopped waiting for ${plan.subject}: the service asks to wait ${duration(askedMs)} (Retry-After), more than the ${duration(Math.max(0, leftMs))} left of this wait. Wait that long, then wait again (${plan.stillExists}).`;
  return error instanceof KyyRateLimitError
    ? new KyyRateLimitError(message, details)
    : new KyyServerError(message, details);
}

/** One read of what is being waited for. */
export interface PollRead<V> {
  value: V;
  status: string;
  /** False for a status the contract does not know: polling goes on, `onStatus` is not told. */
  statusKnown: boolean;
}

/**
 * Everything that differs between waits (an asset's review, a video task): the loop itself —
 * deadline, abort, transient failures polled through, Retry-After, jittered pauses — is `poll`.
 */
export interface PollPlan<V, D> {
  operation: KyyOperation;
  /** The ids errors carry. */
  ids: { assetId?: string; taskId?: string };
  /** What is waited for, in messages: `asset "asset-…"`. */
  subject: string;
  /** Said when the wait stops early: what still exists. */
  stillExists: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  read(signal: AbortSignal): Promise<PollRead<V>>;
  onStatus?: ((value: V) => void) | undefined;
  /** The result once finished, undefined to keep polling; throws when the end is a failure. */
  finished(value: V): D | undefined;
  /** The pause after poll number `poll` (1-based) before jitter, given the last value read. */
  intervalMs(poll: number, last: V | undefined): number;
  /** Each pause is shortened by up to this fraction at random. */
  jitterRatio: number;
  /** The message of the wait-timeout error. */
  timedOutMessage(lastStatus: string | undefined): string;
  /** Removes the API key from text the service sent (a status is echoed into messages). */
  redact?: ((text: string) => string) | undefined;
}

/** Polls until `finished` says so, the deadline passes or the signal fires. */
export async function poll<V, D>(plan: PollPlan<V, D>, random: () => number): Promise<D> {
  const { timeoutMs, signal, redact } = plan;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new KyyInputError(
      `${plan.operation === 'wait' ? 'waitUntilActive' : 'waitUntilDone'}: timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`,
      { operation: 'input' },
    );
  }
  const aborted = () =>
    new KyyAbortError(
      `Stopped waiting for ${plan.subject}: the AbortSignal fired. ${plan.stillExists}.`,
      { operation: plan.operation, ...plan.ids, cause: signal?.reason },
    );
  if (signal?.aborted) throw aborted();

  const startedAt = Date.now();
  const deadline = timedSignal(signal, timeoutMs);
  let lastStatus: string | undefined;
  let lastError: KyyError | undefined;
  let last: V | undefined;
  const timedOut = () =>
    new KyyWaitTimeoutError(plan.timedOutMessage(lastStatus), {
      operation: plan.operation,
      ...plan.ids,
      ...(lastStatus === undefined ? {} : { lastStatus }),
      ...(lastError === undefined ? {} : { cause: lastError }),
    });
  const stopped = () => (deadline.timedOut() ? timedOut() : aborted());

  try {
    for (let pollNumber = 1; ; pollNumber++) {
      let read: PollRead<V> | undefined;
      // The server's Retry-After, when the last poll was refused with one: it replaces the pause.
      let askedMs: number | undefined;
      try {
        read = await plan.read(deadline.signal);
        lastError = undefined;
      } catch (error) {
        if (error instanceof KyyAbortError) throw stopped();
        if (!isTransient(error)) throw error;
        lastError = error as KyyError;
        askedMs = retryAfterOf(error);
        const leftMs = timeoutMs - (Date.now() - startedAt);
        if (askedMs !== undefined && askedMs > leftMs) {
          throw tooLongAsked(
            plan as PollPlan<unknown, unknown>,
            error as KyyRateLimitError,
            askedMs,
            leftMs,
          );
        }
      }
      if (read) {
        last = read.value;
        lastStatus = redact ? redact(read.status) : read.status;
        // An unknown status is not passed on (its type would lie); we simply keep polling.
        if (read.statusKnown) {
          safely(plan.onStatus, read.value);
          const result = plan.finished(read.value);
          if (result !== undefined) return result;
        }
      }
      const pause =
        askedMs ?? plan.intervalMs(pollNumber, last) * (1 - plan.jitterRatio * random());
      try {
        await sleep(Math.round(pause), deadline.signal);
      } catch {
        throw stopped();
      }
    }
  } catch (error) {
    // Failed items and the last status are the service's text: keep the key out of them.
    throw error instanceof KyyError && redact ? scrubError(error, redact) : error;
  } finally {
    deadline.dispose();
  }
}

export interface WaitDeps extends Pick<AssetsCore, 'detail'> {
  /** Removes the API key from text the service sent (a status is echoed into messages). */
  redact?: (text: string) => string;
}

export async function waitUntilActive(
  core: WaitDeps,
  assetId: string,
  options: WaitOptions = {},
  random: () => number = Math.random,
): Promise<Asset> {
  const id = checkAssetId(assetId, 'wait');
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  return poll<Asset, Asset>(
    {
      operation: 'wait',
      ids: { assetId: id },
      subject: `asset "${id}"`,
      stillExists: 'The asset still exists; delete it if you no longer need it',
      timeoutMs,
      signal: options.signal,
      read: async (signal) => {
        const { asset, statusKnown } = await core.detail(id, { signal });
        return { value: asset, status: asset.status, statusKnown };
      },
      onStatus: options.onStatus,
      finished: (asset) => {
        if (asset.status === 'Active') return asset;
        if (asset.status === 'Failed') {
          throw new KyyAssetFailedError(
            `Asset "${id}" failed review (status Failed, which is final). Use another file, or check that it meets the format rules, then upload it again.`,
            { operation: 'wait', assetId: id, asset },
          );
        }
        return undefined;
      },
      intervalMs: (pollNumber) => pollIntervalMs(pollNumber),
      jitterRatio: WAIT_JITTER_RATIO,
      timedOutMessage: (lastStatus) =>
        `Asset "${id}" was not Active after ${duration(timeoutMs)} (last status: ${lastStatus ?? 'never read'}). Review can take longer for images with faces; wait again with a larger timeoutMs.`,
      redact: core.redact,
    },
    random,
  );
}
