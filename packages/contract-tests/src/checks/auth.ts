import { KyyAuthenticationError, KyyError } from '@kyyvideo/client';
import { assertRejected, assertSuccess, ensure } from '../assertions.js';
import type { OperationId } from '../openapi-validator.js';
import type { ContractSession, RawRequest } from '../session.js';
import type { Check } from './check.js';

/** Not a secret: a token no target can accept. */
export const WRONG_TOKEN = 'contract-tests-wrong-token';

const CREDENTIALS: ReadonlyArray<{ auth: RawRequest['auth']; what: string }> = [
  { auth: 'none', what: 'without a token' },
  { auth: { token: WRONG_TOKEN }, what: 'with a wrong token' },
];

async function assertBothRejected(
  session: ContractSession,
  request: Omit<RawRequest, 'auth'>,
  label: string,
): Promise<void> {
  for (const { auth, what } of CREDENTIALS) {
    const exchange = await session.request({ ...request, auth });
    assertRejected(session.validator, exchange, `${label} ${what}`);
  }
}

function authCheck(operation: OperationId, title: string, run: Check['run']): Check {
  return {
    id: `auth/${operation}`,
    title,
    covers: [{ operation, outcome: 'auth-failure' }],
    run,
  };
}

export const authChecks: Check[] = [
  authCheck(
    'uploadAsset',
    'upload without a token or with a wrong token is rejected',
    async (session) => {
      await assertBothRejected(
        session,
        {
          operation: 'uploadAsset',
          body: {
            assetType: 'Image',
            url: session.target.assetUrl,
            name: `contract-tests ${session.runId} auth`,
          },
        },
        'upload',
      );
    },
  ),
  authCheck(
    'getAsset',
    'detail without a token or with a wrong token is rejected',
    async (session) => {
      // An existing asset: against an unknown id, "not found" would pass for "rejected".
      const assetId = await session.sharedAsset();
      await assertBothRejected(session, { operation: 'getAsset', assetId }, 'detail');

      const error = await session
        .client({ apiKey: WRONG_TOKEN, maxRetries: 0 })
        .assets.get(assetId)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      ensure(
        error instanceof KyyError,
        `the client with a wrong key should throw a KyyError, got ${String(error)}`,
      );
      // The mock's auth failure is HTTP 401 (a mock-only choice; the docs name no code), which the
      // client must report as such. The real service's answer is undocumented.
      if (session.target.mock) {
        ensure(
          error instanceof KyyAuthenticationError,
          `the client should report the mock's 401 as KyyAuthenticationError, got ${String(error)}`,
        );
      }
      ensure(!String(error).includes(WRONG_TOKEN), 'the client error repeats the token it sent');
    },
  ),
  authCheck(
    'deleteAsset',
    'delete without a token or with a wrong token is rejected and deletes nothing',
    async (session) => {
      // Its own asset: if a delete wrongly succeeded, no other check may lose the shared one.
      const assetId = await session.createAsset('auth delete');
      await assertBothRejected(session, { operation: 'deleteAsset', assetId }, 'delete');
      const still = await session.request({ operation: 'getAsset', assetId });
      assertSuccess(session.validator, still);
    },
  ),
];
