/**
 * The playground's dev/preview proxy answers HTTP 502 in two very different cases: it could not
 * connect to the service at all (DNS failure, connection refused — the request never left this
 * machine), or the connection broke after the request may have arrived. Only the first is safe to
 * call "nothing was created", so the proxy marks it with this header, carrying the error code.
 * A 502 the service (or a gateway in front of it) sends itself never carries it.
 */
export const PROXY_NOT_SENT_HEADER = 'x-kyy-proxy-not-sent';

/**
 * Wraps the page's fetch so that a marked 502 from our own proxy reaches the client as what it
 * is: a connection that never reached the service, with the error code the proxy saw. The client
 * then classifies it exactly as if the browser had failed to connect (`provablyNotSent`), so its
 * rule for resending uploads and the page's wording both follow from one classification.
 */
export function proxyAwareFetch(send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await send(input, init);
    const code = response.headers.get(PROXY_NOT_SENT_HEADER);
    if (response.status !== 502 || !code) return response;
    await response.body?.cancel();
    // Shaped like a failed browser fetch (a TypeError), with the code where the client looks.
    throw new TypeError(`The playground's proxy could not reach the service (${code}).`, {
      cause: Object.assign(new Error(code), { code }),
    });
  };
}
