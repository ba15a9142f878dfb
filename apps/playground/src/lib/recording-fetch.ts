/** What the answer's body looked like: parsed JSON (the envelope), other text, or nothing. */
export type BodyView =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'empty' };

/** One HTTP request and its answer (or the network error that replaced the answer). */
export interface Exchange {
  /** 1 for the first request of a call, 2 for its first retry or poll, ... */
  attempt: number;
  method: string;
  /** The URL the page called. */
  url: string;
  /** The same request as a terminal command, secrets masked. */
  curl: string;
  durationMs: number;
  status?: number;
  statusText?: string;
  body?: BodyView;
  /** Set when no HTTP answer arrived (connection dropped, refused, aborted). */
  networkError?: string;
}

/** Non-JSON bodies (an HTML error page, for example) are cut here to keep the page light. */
export const MAX_TEXT_BODY_CHARS = 4_000;

export interface RecordingFetchOptions {
  /** The fetch that really sends; defaults to the page's. */
  fetch?: typeof fetch;
  /** A monotonic clock in ms; injected by tests. */
  now?: () => number;
  /** Builds the curl command from the exact request sent (it must mask the key itself). */
  toCurl: (request: { method: string; url: string; headers: Headers; body?: string }) => string;
  /** Added to every request (the mock-scenario header). */
  extraHeaders?: Record<string, string>;
  onExchange: (exchange: Exchange) => void;
}

export function viewBody(text: string): BodyView {
  if (text === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    const truncated = text.length > MAX_TEXT_BODY_CHARS;
    return { kind: 'text', text: truncated ? text.slice(0, MAX_TEXT_BODY_CHARS) : text, truncated };
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A fetch to hand to `createKyyClient({ fetch })`: it sends each request unchanged (plus
 * `extraHeaders`), and reports every exchange — status, body, time taken, curl — without ever
 * storing the request headers, so the key is not kept anywhere but the client itself.
 */
export function createRecordingFetch(options: RecordingFetchOptions): typeof fetch {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => performance.now());
  let attempt = 0;

  return async (input, init) => {
    let request = new Request(input, init);
    if (options.extraHeaders && Object.keys(options.extraHeaders).length > 0) {
      const headers = new Headers(request.headers);
      for (const [name, value] of Object.entries(options.extraHeaders)) headers.set(name, value);
      request = new Request(request, { headers });
    }
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
    const requestBody = hasBody ? await request.clone().text() : undefined;
    const base = {
      attempt: ++attempt,
      method: request.method,
      url: request.url,
      curl: options.toCurl({
        method: request.method,
        url: request.url,
        headers: request.headers,
        ...(requestBody === undefined ? {} : { body: requestBody }),
      }),
    };

    const started = now();
    let response: Response;
    try {
      response = await send(request);
    } catch (error) {
      options.onExchange({
        ...base,
        durationMs: now() - started,
        networkError: describeNetworkError(error),
      });
      throw error;
    }
    // Read a copy so the client still gets an untouched body; timing includes the whole body.
    let body: BodyView;
    try {
      body = viewBody(await response.clone().text());
    } catch (error) {
      body = {
        kind: 'text',
        text: `(the body could not be read: ${describeNetworkError(error)})`,
        truncated: false,
      };
    }
    options.onExchange({
      ...base,
      durationMs: now() - started,
      status: response.status,
      statusText: response.statusText,
      body,
    });
    return response;
  };
}
