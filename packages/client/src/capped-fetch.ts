import { fetchArguments, type PlainRequest } from './plain-request.js';

/**
 * No answer is read past `maxBytes`: a declared Content-Length above it is refused before
 * reading, and a body without one is counted as it streams and cut off at the cap. A 200 MiB or
 * endless answer then costs at most `maxBytes` of memory, once. The count is of decoded bytes:
 * fetch decompresses a gzip, deflate or brotli answer, whose Content-Length is the compressed
 * size, so a 300 KB answer can expand to 300 MB (a compression bomb).
 */
export interface CappedFetch {
  /** fetch, refusing declared lengths over the cap and capping error bodies openapi-fetch reads. */
  fetch: typeof fetch;
  /** Reads a success body (handed over unread) to text, within the cap. */
  read(response: Response): Promise<string>;
  /** True once an answer was refused for its size. */
  exceeded(): boolean;
}

/** Thrown when an answer passes the cap; recognised through `exceeded()`, never shown as is. */
function tooLarge(maxBytes: number): RangeError {
  return new RangeError(`the answer is larger than ${maxBytes} bytes`);
}

/** True when the body fetch hands over may be longer than its Content-Length says. */
function encoded(response: Response): boolean {
  const coding = (response.headers.get('content-encoding') ?? '').trim().toLowerCase();
  return coding !== '' && coding !== 'identity';
}

/** The decoded length, when the HTTP layer enforces it; NaN when it is unknown. */
function decodedLength(response: Response): number {
  if (encoded(response)) return Number.NaN;
  return Number(response.headers.get('content-length') ?? Number.NaN);
}

export function cappedFetch(base: typeof fetch, maxBytes: number): CappedFetch {
  let exceeded = false;

  function limited(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    let seen = 0;
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen <= maxBytes) controller.enqueue(chunk);
          else {
            exceeded = true;
            controller.error(tooLarge(maxBytes));
          }
        },
      }),
    );
  }

  const fetchCapped = async (input: RequestInfo | URL | PlainRequest, init?: RequestInit) => {
    const response = await base(...fetchArguments(input, init));
    if (response.body === null) return response;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      exceeded = true;
      await response.body.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    // A declared length within the cap is enforced by the HTTP layer itself (unless the body is
    // compressed), and success bodies are read by `read` below; only an error body of unknown
    // decoded length needs the slower wrapper.
    if (response.ok || decodedLength(response) >= 0) return response;
    return new Response(limited(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  async function read(response: Response): Promise<string> {
    if (response.body === null) return '';
    // fetch refused a declared length over the cap already; the HTTP layer enforces the rest.
    if (decodedLength(response) >= 0) return response.text();
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let seen = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (seen > maxBytes) {
        exceeded = true;
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
    const decoder = new TextDecoder();
    if (chunks.length === 1) return decoder.decode(chunks[0]);
    let text = '';
    for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
    return text + decoder.decode();
  }

  return { fetch: fetchCapped as typeof fetch, read, exceeded: () => exceeded };
}
