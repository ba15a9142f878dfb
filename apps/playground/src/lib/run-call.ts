import { createKyyClient, type KyyClient } from '@kyyvideo/client';
import { type AnyScenarioName, SCENARIO_HEADER } from '@kyyvideo/mock';
import { buildCurl } from './curl.js';
import { describeError, type ErrorText } from './error-text.js';
import { proxyAwareFetch } from './proxy-unreached.js';
import { createRecordingFetch, type Exchange } from './recording-fetch.js';
import { type ResolvedTarget, toPublicUrl } from './targets.js';

export interface RunCallOptions<T> {
  target: ResolvedTarget;
  /** A mock fault for every request of this call, sent as the mock's scenario header. */
  scenario: AnyScenarioName | null;
  onExchange: (exchange: Exchange) => void;
  /** The call itself, made with the real client. */
  exec: (client: KyyClient) => Promise<T>;
  /** Injected by tests; the page uses its own fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

export type RunOutcome<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; error: ErrorText; cause: unknown; durationMs: number };

/**
 * Makes one call through @kyyvideo/client with a fetch that records every exchange. A new
 * client per call keeps each call's exchanges apart even when calls overlap (a long wait while
 * you look something else up).
 */
export async function runCall<T>(options: RunCallOptions<T>): Promise<RunOutcome<T>> {
  const { target } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  try {
    const client = createKyyClient({
      apiKey: target.apiKey,
      baseUrl: target.baseUrl,
      fetch: createRecordingFetch({
        fetch: proxyAwareFetch(options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
        now,
        ...(options.scenario ? { extraHeaders: { [SCENARIO_HEADER]: options.scenario } } : {}),
        toCurl: (request) =>
          buildCurl(
            { ...request, url: toPublicUrl(request.url, target) },
            { keyPlaceholder: target.keyPlaceholder },
          ),
        onExchange: options.onExchange,
      }),
    });
    const value = await options.exec(client);
    return { ok: true, value, durationMs: now() - started };
  } catch (cause) {
    return {
      ok: false,
      error: describeError(cause, {
        target: target.kind,
        baseUrl: target.baseUrl,
        secret: target.apiKey,
      }),
      cause,
      durationMs: now() - started,
    };
  }
}
