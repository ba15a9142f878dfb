import type { paths } from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';

/**
 * What openapi-fetch builds for the client's own calls instead of a `Request` (its `Request`
 * option): the URL and init, handed to fetch as they are.
 *
 * Given a `Request`, Node's fetch copies it into a second one and sends the body as a stream,
 * chunk by chunk; given a URL and init it sends a string body in one write, as raw fetch does.
 * Over loopback that copy is most of what openapi-fetch costs above raw fetch (measured in
 * packages/bench, see its FINDINGS.md). The request itself is byte for byte the same.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly init: RequestInit;
  // openapi-fetch copies every init field the object lacks onto it; declaring them keeps the
  // object's shape fixed.
  readonly signal: AbortSignal | null;
  readonly redirect: RequestRedirect | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = init.method ?? 'GET';
    this.init = init;
    this.signal = init.signal ?? null;
    this.redirect = init.redirect;
  }
}

/** fetch's arguments for what openapi-fetch passes on: a PlainRequest unpacked, anything else as is. */
export function fetchArguments(
  input: RequestInfo | URL | PlainRequest,
  init?: RequestInit,
): [RequestInfo | URL, RequestInit?] {
  return input instanceof PlainRequest ? [input.url, input.init] : [input, init];
}

/**
 * The openapi-fetch client, with a way to ask whether middleware was ever registered on it. The
 * README promises that `raw.use(…)` middleware sees the client's own calls, and middleware expects
 * a real `Request`, so from the first `use` on the calls go back to building one.
 */
export function watchMiddleware(raw: Client<paths>): {
  raw: Client<paths>;
  hasMiddleware: () => boolean;
} {
  let used = false;
  const watched: Client<paths> = {
    ...raw,
    use(...middleware) {
      used = true;
      raw.use(...middleware);
    },
  };
  return { raw: watched, hasMiddleware: () => used };
}
