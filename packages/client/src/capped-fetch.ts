/**
 * Wraps fetch so that no answer is read past `maxBytes`: a declared Content-Length above it is
 * refused before reading, and a body without one is counted as it streams and cut off at the
 * cap. A 200 MiB or endless answer then costs at most `maxBytes` of memory, once.
 */
export interface CappedFetch {
  fetch: typeof fetch;
  /** True once an answer was refused for its size. */
  exceeded(): boolean;
}

function limited(body: ReadableStream<Uint8Array>, maxBytes: number, onExceeded: () => void) {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          onExceeded();
          controller.error(new RangeError(`the answer is larger than ${maxBytes} bytes`));
        } else controller.enqueue(chunk);
      },
    }),
  );
}

export function cappedFetch(base: typeof fetch, maxBytes: number): CappedFetch {
  let exceeded = false;
  const onExceeded = () => {
    exceeded = true;
  };
  const fetchCapped = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await base(input, init);
    if (response.body === null) return response;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      onExceeded();
      await response.body.cancel().catch(() => {});
      throw new RangeError(`the answer declares ${declared} bytes, more than ${maxBytes}`);
    }
    // A declared length within the cap is enforced by the HTTP layer itself: no wrapper needed.
    if (declared >= 0) return response;
    return new Response(limited(response.body, maxBytes, onExceeded), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: fetchCapped as typeof fetch, exceeded: () => exceeded };
}
