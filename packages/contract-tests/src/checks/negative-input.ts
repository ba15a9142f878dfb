import { assertRejected } from '../assertions.js';
import type { ContractSession, RawRequest } from '../session.js';
import type { Check } from './check.js';

interface InvalidUpload {
  id: string;
  what: string;
  request(session: ContractSession): Omit<RawRequest, 'operation'>;
}

/**
 * Invalid uploads, each otherwise valid (a reachable URL, a proper type), so that the only
 * reason to reject it is the defect under test. Sent raw: the client would refuse them itself.
 */
export const INVALID_UPLOADS: readonly InvalidUpload[] = [
  {
    id: 'wrong-case-type',
    what: 'assetType in the wrong case ("image")',
    request: ({ target }) => ({ body: { assetType: 'image', url: target.assetUrl } }),
  },
  {
    id: 'unknown-type',
    what: 'an assetType that does not exist ("Picture")',
    request: ({ target }) => ({ body: { assetType: 'Picture', url: target.assetUrl } }),
  },
  {
    id: 'missing-url',
    what: 'no url',
    request: () => ({ body: { assetType: 'Image', name: 'no url' } }),
  },
  {
    id: 'missing-type',
    what: 'no assetType',
    request: ({ target }) => ({ body: { url: target.assetUrl } }),
  },
  {
    id: 'ftp-url',
    what: 'a non-http url (ftp://)',
    request: () => ({ body: { assetType: 'Image', url: 'ftp://example.com/cat.jpg' } }),
  },
  {
    id: 'not-a-url',
    what: 'a url that is not a URL',
    request: () => ({ body: { assetType: 'Image', url: 'cat.jpg' } }),
  },
  {
    id: 'numeric-type',
    what: 'assetType as a number',
    request: ({ target }) => ({ body: { assetType: 1, url: target.assetUrl } }),
  },
  {
    id: 'numeric-url',
    what: 'url as a number',
    request: () => ({ body: { assetType: 'Image', url: 42 } }),
  },
  {
    id: 'numeric-name',
    what: 'name as a number',
    request: ({ target }) => ({ body: { assetType: 'Image', url: target.assetUrl, name: 7 } }),
  },
  {
    id: 'array-body',
    what: 'a JSON array instead of an object',
    request: ({ target }) => ({ body: [{ assetType: 'Image', url: target.assetUrl }] }),
  },
  {
    id: 'malformed-json',
    what: 'malformed JSON',
    request: ({ target }) => ({ rawBody: `{"assetType":"Image","url":"${target.assetUrl}"` }),
  },
];

export const negativeInputChecks: Check[] = [
  ...INVALID_UPLOADS.map(
    (invalid): Check => ({
      id: `negative-input/${invalid.id}`,
      title: `upload with ${invalid.what} is rejected (code ≠ 0, never a 5xx)`,
      covers: [{ operation: 'uploadAsset', outcome: 'invalid-input' }],
      async run(session) {
        const exchange = await session.request({
          operation: 'uploadAsset',
          ...invalid.request(session),
        });
        assertRejected(session.validator, exchange, `upload with ${invalid.what}`);
      },
    }),
  ),
  {
    id: 'negative-input/malformed-id',
    title: 'detail of a malformed id is rejected (code ≠ 0, never a 5xx)',
    covers: [{ operation: 'getAsset', outcome: 'invalid-input' }],
    async run(session) {
      const exchange = await session.request({ operation: 'getAsset', assetId: 'not-an-asset-id' });
      assertRejected(session.validator, exchange, 'detail of a malformed id');
    },
  },
];
