import type {
  Asset,
  DeleteAssetResponse,
  FailureResponse,
  GetAssetResponse,
  UploadAssetResponse,
} from '@kyyvideo/contract';
import { DELETE_SUCCESS_MSG, MOCK_CODES } from './codes.js';
import type { CoreResponse } from './core/types.js';

// Builders for every body the routes send, typed by the contract so a drift in the spec breaks
// the build here rather than a client at run time.

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/** Any JSON answer: the envelope, or the bare objects of endpoints that do not use it. */
export function json(
  value: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): CoreResponse {
  return {
    status: init.status ?? 200,
    headers: init.headers ? { ...JSON_TYPE, ...init.headers } : JSON_TYPE,
    body: JSON.stringify(value),
  };
}

export function uploadSuccess(assetId: string): CoreResponse {
  return json({ code: 0, msg: null, data: { assetId } } satisfies UploadAssetResponse);
}

export function detailSuccess(asset: Asset): CoreResponse {
  return json({ code: 0, msg: null, data: asset } satisfies GetAssetResponse);
}

export function deleteSuccess(): CoreResponse {
  return json({ code: '0', msg: DELETE_SUCCESS_MSG, data: null } satisfies DeleteAssetResponse);
}

export function failure(
  code: number,
  msg: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): CoreResponse {
  return json({ code, msg, data: null } satisfies FailureResponse, init);
}

export const invalidParameter = (msg: string) => failure(MOCK_CODES.invalidParameter, msg);

/** Quotes a caller-supplied value for a message, cut short so a huge input cannot flood logs. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
