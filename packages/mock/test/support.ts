import {
  DeleteAssetResponse,
  FailureResponse,
  GetAssetResponse,
  UploadAssetResponse,
} from '@kyyvideo/contract';
import { getResponse } from 'msw';
import type { Mock } from '../src/create-mock.js';

export const ORIGIN = 'https://zcbservice.aizfw.cn';
export const BASE = `${ORIGIN}/kyyReactApiServer`;
export const AUTH = { Authorization: 'Bearer test-key' };
export const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json' };
export const DOCS_UPLOAD = {
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  name: 'Cat Image',
} as const;

/** Sends one request straight through the mock's handlers (no network, no global patching). */
export async function send(
  mock: Mock,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const request = new Request(`${BASE}${path}`, {
    method,
    headers: init.headers ?? AUTH,
    body: init.body,
  });
  const response = await getResponse(mock.handlers, request);
  if (!response) throw new Error(`no handler answered ${method} ${path}`);
  return response;
}

export type Operation = 'upload' | 'detail' | 'delete';

const SUCCESS = {
  upload: UploadAssetResponse,
  detail: GetAssetResponse,
  delete: DeleteAssetResponse,
};
interface SuccessBody {
  upload: UploadAssetResponse;
  detail: GetAssetResponse;
  delete: DeleteAssetResponse;
}

/**
 * Parses a JSON envelope and validates it against the contract: the operation's success schema
 * when `code` says success, the failure schema otherwise. Throws on anything else.
 */
export async function envelope<O extends Operation>(
  operation: O,
  response: Response,
): Promise<
  | { ok: true; status: number; body: SuccessBody[O] }
  | { ok: false; status: number; body: FailureResponse }
> {
  const body: unknown = await response.json();
  const code = (body as { code?: unknown }).code;
  if (code === 0 || code === '0') {
    return {
      ok: true,
      status: response.status,
      body: SUCCESS[operation].parse(body) as SuccessBody[O],
    };
  }
  return { ok: false, status: response.status, body: FailureResponse.parse(body) };
}

export async function uploadOk(mock: Mock, input: object = DOCS_UPLOAD): Promise<string> {
  const result = await envelope(
    'upload',
    await send(mock, 'POST', '/kyyVideo2/asset/upload', {
      body: JSON.stringify(input),
      headers: JSON_HEADERS,
    }),
  );
  if (!result.ok) throw new Error(`upload failed: ${result.body.msg}`);
  return result.body.data.assetId;
}

export async function detail(mock: Mock, assetId: string) {
  return envelope(
    'detail',
    await send(mock, 'GET', `/kyyVideo2/asset/${encodeURIComponent(assetId)}`),
  );
}
