/**
 * A signal that fires when `timeoutMs` passes or when `parent` fires, whichever is first, and
 * remembers which one it was. Built on setTimeout (not AbortSignal.timeout) so it works the
 * same in every runtime and under fake timers; `dispose()` clears the timer and the listener.
 */
export interface TimedSignal {
  readonly signal: AbortSignal;
  /** True once the timer (not the parent) caused the abort. */
  timedOut(): boolean;
  dispose(): void;
}

/** setTimeout treats delays above 2^31-1 ms as 1 ms; longer limits mean "no timer". */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function timedSignal(parent: AbortSignal | undefined, timeoutMs: number): TimedSignal {
  const controller = new AbortController();
  let fired = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          fired = true;
          controller.abort(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls an observer's callback; a callback that throws must not break what it observes. */
export function safely<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch {
    // Deliberately ignored: the callback only observes.
  }
}
