import { ASSET_PATH, UPLOAD_ASSET_PATH } from '@kyyvideo/contract';
import { MOCK_CODES } from '../codes.js';
import {
  deleteSuccess,
  detailSuccess,
  failure,
  invalidParameter,
  quote,
  uploadSuccess,
} from '../envelope.js';
import type { ResolvedOptions } from '../options.js';
import { isUnreachable } from '../reachability.js';
import type { InternalStore } from '../store.js';
import { validateUpload } from '../validate-upload.js';
import type { SpecRoute } from './route-table.js';
import { headerOf } from './types.js';

const notFound = (assetId: string) =>
  failure(
    MOCK_CODES.notFound,
    `asset not found: no asset has the id ${quote(assetId)} (never created, or deleted).`,
  );

/** Upload, detail and delete of the asset library (the `{code,msg,data}` envelope). */
export function assetRoutes(store: InternalStore, options: ResolvedOptions): SpecRoute[] {
  return [
    {
      method: 'POST',
      path: UPLOAD_ASSET_PATH,
      handle(request) {
        const result = validateUpload(headerOf(request, 'content-type'), request.body);
        if (!result.ok) return invalidParameter(result.msg);
        if (isUnreachable(result.value.url, options.unreachableHosts)) {
          return failure(
            MOCK_CODES.urlUnreachable,
            `asset URL cannot be accessed: ${quote(result.value.url, 120)} could not be downloaded. Use a public URL the service can reach.`,
          );
        }
        return uploadSuccess(store.insert(result.value).assetId);
      },
    },
    {
      method: 'GET',
      path: ASSET_PATH,
      handle(_request, { assetId = '' }) {
        const asset = store.get(assetId);
        return asset ? detailSuccess(asset) : notFound(assetId);
      },
    },
    {
      method: 'DELETE',
      path: ASSET_PATH,
      handle(_request, { assetId = '' }) {
        return store.delete(assetId) ? deleteSuccess() : notFound(assetId);
      },
    },
  ];
}
