/**
 * A scripted stand-in for fetch, injected through the client's `fetch` option (no globals are
 * patched). Each call takes the next reply; every request is recorded for assertions.
 */
export type Reply =
  | Response
  | Error
  | 'hang'
  | ((request: Request) => Response | Promise<Response>);

export interface FakeFetch {
  fetch: typeof fetch;
  requests: Request[];
  /** Date.now() at each request (fake under fake timers), for checking retry spacing. */
  times: number[];
}

export function fakeFetch(...replies: Reply[]): FakeFetch {
  const requests: Request[] = [];
  const times: number[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    times.push(Date.now());
    const reply = replies.length > 1 ? replies.shift() : replies[0];
    if (reply === undefined) throw new Error('fakeFetch: no reply scripted');
    if (reply === 'hang') {
      // Like a server that never answers: only the request's signal can end it.
      return new Promise((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(request);
    return reply.clone();
  };
  return { fetch: fetchImpl as typeof fetch, requests, times };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

/** A fetch failure the way undici reports it: TypeError('fetch failed') with a coded cause. */
export function networkError(code?: string): TypeError {
  const cause = code ? Object.assign(new Error(`connect ${code}`), { code }) : undefined;
  return new TypeError('fetch failed', cause ? { cause } : undefined);
}

export const ASSET_ID = 'asset-20260330142158-q75m8';

export function assetBody(status = 'Active', extra: Record<string, unknown> = {}) {
  return {
    code: 0,
    msg: null,
    data: {
      name: 'Cat Image',
      assetId: ASSET_ID,
      status,
      assetType: 'Image',
      url: 'https://example.com/cat.jpg',
      createTime: '2026-03-30 14:21:58',
      ...extra,
    },
  };
}

export const UPLOAD_OK = { code: 0, msg: null, data: { assetId: ASSET_ID } };
export const DELETE_OK = { code: '0', msg: '删除成功', data: null };
