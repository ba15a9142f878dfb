import { KyyNotFoundError } from '@kyyvideo/client';
import {
  ASSET_ID_PATTERN,
  ASSET_STATUSES,
  DOCUMENTED_CODES,
  parseAssetRef,
  toAssetRef,
} from '@kyyvideo/contract';
import { assertFailureCode, assertSuccess, ensure } from '../assertions.js';
import { jsonBody } from '../exchange.js';
import type { Check } from './check.js';

interface Detail {
  data: { assetId: string; status: string; assetType: string; url: string; name: string | null };
}

/**
 * upload → detail (Processing or Active) → wait until Active → delete → detail says -1.
 * Raw requests pin the wire format; the client's upload, wait and delete run over the same
 * recorded fetch, so their exchanges are held to the spec as well.
 */
export const lifecycleCheck: Check = {
  id: 'lifecycle',
  title: 'lifecycle: upload → detail → wait until Active → delete → detail not found',
  covers: [
    { operation: 'uploadAsset', outcome: 'success' },
    { operation: 'getAsset', outcome: 'success' },
    { operation: 'deleteAsset', outcome: 'success' },
    { operation: 'getAsset', outcome: 'not-found (-1)' },
  ],
  async run(session) {
    const { target, validator } = session;
    const client = session.client();
    const name = `contract-tests ${session.runId} lifecycle`;

    const uploaded = await client.assets.upload({ assetType: 'Image', url: target.assetUrl, name });
    ensure(
      ASSET_ID_PATTERN.test(uploaded.assetId),
      `upload returned the id ${JSON.stringify(uploaded.assetId)}, which does not match the documented pattern asset-YYYYMMDDhhmmss-xxxxx`,
    );
    ensure(
      uploaded.ref === toAssetRef(uploaded.assetId) &&
        parseAssetRef(uploaded.ref) === uploaded.assetId,
      `the asset reference ${JSON.stringify(uploaded.ref)} does not parse back to ${uploaded.assetId}`,
    );

    const detail = await session.request({ operation: 'getAsset', assetId: uploaded.assetId });
    assertSuccess(validator, detail);
    const { data } = jsonBody(detail) as Detail;
    ensure(data.assetId === uploaded.assetId, 'detail answers for another asset', detail);
    ensure(
      data.status === 'Processing' || data.status === 'Active',
      `a new asset must be Processing or Active, got ${JSON.stringify(data.status)} (of ${ASSET_STATUSES.join(', ')})`,
      detail,
    );
    ensure(data.assetType === 'Image', 'detail reports another assetType than uploaded', detail);
    ensure(data.url === target.assetUrl, 'detail reports another url than uploaded', detail);
    ensure(data.name === name, 'detail reports another name than uploaded', detail);

    session.finishReview();
    const active = await client.assets.waitUntilActive(uploaded.assetId, {
      timeoutMs: target.reviewTimeoutMs,
    });
    ensure(active.status === 'Active', `waitUntilActive returned status ${active.status}`);

    const deleted = await session.request({ operation: 'deleteAsset', assetId: uploaded.assetId });
    assertSuccess(validator, deleted);

    const gone = await session.request({ operation: 'getAsset', assetId: uploaded.assetId });
    assertFailureCode(validator, gone, DOCUMENTED_CODES.notFound, 'deleted asset is not found');

    const error = await client.assets.get(uploaded.assetId).then(
      () => undefined,
      (e: unknown) => e,
    );
    ensure(
      error instanceof KyyNotFoundError,
      `the client should report the deleted asset as KyyNotFoundError, got ${String(error)}`,
    );
  },
};
