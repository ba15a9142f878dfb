import { ASSET_TYPES } from '@kyyvideo/contract';
import type { Mock } from '@kyyvideo/mock';
import { getResponse, HttpResponse, http, type RequestHandler } from 'msw';

/**
 * Deliberately broken variants of the mock: msw handlers placed in front of the real ones.
 * Each breaks one promise of the contract; the suite must notice every one of them.
 */
export type Breakage = (mock: Mock, apiKey: string) => RequestHandler[];

const UPLOAD = '*/kyyReactApiServer/kyyVideo2/asset/upload';
const ASSET = '*/kyyReactApiServer/kyyVideo2/asset/:assetId';

/** Forwards to the mock's own handlers (with an optionally rewritten request). */
const forward = async (mock: Mock, request: Request) => {
  const response = await getResponse(mock.handlers, request);
  if (!response) throw new Error(`the mock did not answer ${request.method} ${request.url}`);
  return response;
};

/** Rewrites the JSON body of the mock's own answer. */
const rewriteJson =
  (mock: Mock, rewrite: (body: Record<string, unknown>) => Record<string, unknown>) =>
  async ({ request }: { request: Request }) => {
    const response = await forward(mock, request);
    // Fault scenarios (HTML, broken JSON, dropped connections) pass through untouched.
    if (response.type === 'error') return response;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await response.clone().text()) as Record<string, unknown>;
    } catch {
      return response;
    }
    return HttpResponse.json(rewrite(body), { status: response.status, headers: response.headers });
  };

export const BREAKAGES = {
  /** The example: an invalid assetType is accepted with code 0. */
  'accepts an invalid assetType': () => [
    http.post(UPLOAD, async ({ request }) => {
      const body = (await request
        .clone()
        .json()
        .catch(() => null)) as { assetType?: unknown } | null;
      const valid = (ASSET_TYPES as readonly unknown[]).includes(body?.assetType);
      if (body === null || valid || !('assetType' in body)) return undefined;
      return HttpResponse.json({
        code: 0,
        msg: null,
        data: { assetId: 'asset-20260330142158-bad00' },
      });
    }),
  ],
  /** Detail reports a status the spec does not have. */
  'reports an undocumented status': (mock) => [
    http.get(
      ASSET,
      rewriteJson(mock, (body) =>
        body.code === 0 ? { ...body, data: { ...(body.data as object), status: 'Ready' } } : body,
      ),
    ),
  ],
  /** An unknown or deleted id answers 404 instead of the documented -1. */
  'answers not-found with another code': (mock) => [
    http.get(
      ASSET,
      rewriteJson(mock, (body) => (body.code === -1 ? { ...body, code: 404 } : body)),
    ),
  ],
  /** Requests without a token are served as if they had the right one. */
  'does not enforce auth': (mock, apiKey) => [
    http.all('*/kyyReactApiServer/*', async ({ request }) => {
      if (request.headers.get('authorization')) return undefined;
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${apiKey}`);
      return forward(mock, new Request(request, { headers }));
    }),
  ],
  /** Delete success sends the number 0 instead of the documented string "0". */
  'sends a numeric code on delete': (mock) => [
    http.delete(
      ASSET,
      rewriteJson(mock, (body) => (body.code === '0' ? { ...body, code: 0 } : body)),
    ),
  ],
  /** A video task answered inside the asset calls' envelope, which these calls do not use. */
  'wraps video tasks in the envelope': (mock) => [
    http.post(
      '*/kyyReactApiServer/v1/kyyvideo2/videos',
      rewriteJson(mock, (body) => ('id' in body ? { code: 0, msg: null, data: body } : body)),
    ),
  ],
  /** Malformed JSON crashes the server (HTTP 500) instead of being rejected. */
  'crashes on malformed JSON': () => [
    http.post(UPLOAD, async ({ request }) => {
      try {
        JSON.parse(await request.clone().text());
        return undefined;
      } catch {
        return HttpResponse.json(
          { code: 500, msg: 'Internal Server Error', data: null },
          { status: 500 },
        );
      }
    }),
  ],
} satisfies Record<string, Breakage>;
