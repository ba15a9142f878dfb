import type {
  Asset,
  DeleteAssetResponse,
  FailureResponse,
  GetAssetResponse,
  UploadAssetResponse,
} from '@kyyvideo/contract';
import { HttpResponse } from 'msw';
import { DELETE_SUCCESS_MSG, MOCK_CODES } from './codes.js';

// Builders for every body the handlers send, typed by the contract so a drift in the spec breaks
// the build here rather than a client at run time.

export function uploadSuccess(assetId: string): Response {
  return HttpResponse.json<UploadAssetResponse>({ code: 0, msg: null, data: { assetId } });
}

export function detailSuccess(asset: Asset): Response {
  return HttpResponse.json<GetAssetResponse>({ code: 0, msg: null, data: asset });
}

export function deleteSuccess(): Response {
  return HttpResponse.json<DeleteAssetResponse>({ code: '0', msg: DELETE_SUCCESS_MSG, data: null });
}

export function failure(
  code: number,
  msg: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return HttpResponse.json<FailureResponse>(
    { code, msg, data: null },
    { status: init.status ?? 200, headers: init.headers },
  );
}

export const invalidParameter = (msg: string) => failure(MOCK_CODES.invalidParameter, msg);

/** Quotes a caller-supplied value for a message, cut short so a huge input cannot flood logs. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
