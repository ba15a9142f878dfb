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
import type { Route } from './route-table.js';
import { headerOf } from './types.js';

const notFound = (assetId: string) =>
  failure(
    MOCK_CODES.notFound,
    `asset not found: no asset has the id ${quote(assetId)} (never created, or deleted).`,
  );

/** Upload, detail and delete of the asset library (the `{code,msg,data}` envelope). */
export function assetRoutes(store: InternalStore, options: ResolvedOptions): Route[] {
  return [
    {
      method: 'POST',
      path: '/kyyVideo2/asset/upload',
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
      path: '/kyyVideo2/asset/{assetId}',
      handle(_request, { assetId = '' }) {
        const asset = store.get(assetId);
        return asset ? detailSuccess(asset) : notFound(assetId);
      },
    },
    {
      method: 'DELETE',
      path: '/kyyVideo2/asset/{assetId}',
      handle(_request, { assetId = '' }) {
        return store.delete(assetId) ? deleteSuccess() : notFound(assetId);
      },
    },
  ];
}
