import { KyyNotFoundError, KyyUrlUnreachableError } from '@kyyvideo/client';
import { DOCUMENTED_CODES } from '@kyyvideo/contract';
import { assertFailureCode, ensure } from '../assertions.js';
import type { Check } from './check.js';

// Well-formed (it matches the id pattern) but dated 1999, before the service existed.
export const UNKNOWN_ASSET_ID = 'asset-19990101000000-zzzzz';

export const documentedFailureChecks: Check[] = [
  {
    id: 'not-found/unknown-id',
    title: 'detail of an unknown id answers -1',
    covers: [{ operation: 'getAsset', outcome: 'not-found (-1)' }],
    async run(session) {
      const exchange = await session.request({ operation: 'getAsset', assetId: UNKNOWN_ASSET_ID });
      assertFailureCode(session.validator, exchange, DOCUMENTED_CODES.notFound, 'not found');
      const error = await session
        .client()
        .assets.get(UNKNOWN_ASSET_ID)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      ensure(
        error instanceof KyyNotFoundError,
        `the client should throw KyyNotFoundError, got ${String(error)}`,
      );
    },
  },
  {
    id: 'url-unreachable',
    title: 'upload of a URL the service cannot download answers 1001',
    covers: [{ operation: 'uploadAsset', outcome: 'url-unreachable (1001)' }],
    async run(session) {
      const { target } = session;
      const exchange = await session.request({
        operation: 'uploadAsset',
        body: {
          assetType: 'Image',
          url: target.unreachableUrl,
          name: `contract-tests ${session.runId} unreachable`,
        },
      });
      assertFailureCode(
        session.validator,
        exchange,
        DOCUMENTED_CODES.urlUnreachable,
        'URL cannot be accessed',
      );
      const error = await session
        .client()
        .assets.upload({ assetType: 'Image', url: target.unreachableUrl })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      ensure(
        error instanceof KyyUrlUnreachableError,
        `the client should throw KyyUrlUnreachableError, got ${String(error)}`,
      );
    },
  },
];
