import {
  KyyConnectionError,
  type KyyError,
  KyyInvalidResponseError,
  KyyRateLimitError,
  KyyServerError,
  KyyUploadOutcomeUnknownError,
} from '@kyyvideo/client';
import { isSuccessCode } from '@kyyvideo/contract';
import { SCENARIOS, type ScenarioName } from '@kyyvideo/mock';
import {
  assertConforms,
  assertSuccess,
  conformanceProblems,
  ensure,
  envelopeCode,
} from '../assertions.js';
import type { Exchange } from '../exchange.js';
import type { OperationId } from '../openapi-validator.js';
import type { ContractSession } from '../session.js';
import type { Check } from './check.js';

type ErrorClass = abstract new (...args: never[]) => KyyError;

/**
 * What each fault looks like on the wire (as @kyyvideo/mock documents it), and which client
 * error it must become. The wire side proves the validator tells a broken answer from a good
 * one; the client side proves the client survives what the mock can throw at it.
 */
const FAULTS: Record<
  Exclude<ScenarioName, 'latency'>,
  { wire(session: ContractSession, exchange: Exchange): void; clientError: ErrorClass }
> = {
  'rate-limited': {
    wire({ validator }, exchange) {
      ensure(exchange.status === 429, 'rate-limited must answer HTTP 429', exchange);
      const retryAfter = exchange.headers?.get('retry-after') ?? '';
      ensure(
        /^\d+$/.test(retryAfter),
        `Retry-After must be whole seconds, got ${JSON.stringify(retryAfter)}`,
        exchange,
      );
      ensure(!isSuccessCode(envelopeCode(exchange)), 'a 429 must not carry code 0', exchange);
      assertConforms(validator, exchange);
    },
    clientError: KyyRateLimitError,
  },
  'server-error': {
    wire({ validator }, exchange) {
      ensure(exchange.status === 500, 'server-error must answer HTTP 500', exchange);
      ensure(!isSuccessCode(envelopeCode(exchange)), 'a 500 must not carry code 0', exchange);
      assertConforms(validator, exchange);
    },
    clientError: KyyServerError,
  },
  'bad-gateway': {
    wire({ validator }, exchange) {
      ensure(exchange.status === 502, 'bad-gateway must answer HTTP 502', exchange);
      ensure(
        /^text\/html/i.test(exchange.contentType ?? ''),
        'bad-gateway must answer an HTML page',
        exchange,
      );
      ensure(
        conformanceProblems(validator, exchange).length > 0,
        'the validator must not accept an HTML page',
        exchange,
      );
    },
    clientError: KyyServerError,
  },
  'malformed-json': {
    wire({ validator }, exchange) {
      ensure(exchange.status === 200, 'malformed-json must answer HTTP 200', exchange);
      ensure(
        conformanceProblems(validator, exchange).includes('the body is not valid JSON'),
        'malformed-json must send a body that is not JSON, and the validator must say so',
        exchange,
      );
    },
    clientError: KyyInvalidResponseError,
  },
  'drop-connection': {
    wire(_session, exchange) {
      ensure(
        exchange.status === undefined && exchange.networkError !== undefined,
        'drop-connection must fail the request without a response',
        exchange,
      );
    },
    clientError: KyyConnectionError,
  },
  'success-without-data': {
    wire({ validator }, exchange) {
      ensure(
        exchange.status === 200 && isSuccessCode(envelopeCode(exchange)),
        'success-without-data must answer code 0',
        exchange,
      );
      ensure(
        conformanceProblems(validator, exchange).length > 0,
        'the validator must reject code 0 without the documented data',
        exchange,
      );
    },
    clientError: KyyInvalidResponseError,
  },
};

// A refusal (429) says nothing was done; every other fault leaves an upload's outcome open, so
// the client reports it as unknown and keeps the underlying error as the cause.
function expectClientError(operation: OperationId, scenario: ScenarioName, error: unknown): void {
  if (scenario === 'latency') return;
  const expected = FAULTS[scenario].clientError;
  const unknownOutcome = operation === 'uploadAsset' && expected !== KyyRateLimitError;
  const actual =
    unknownOutcome && error instanceof KyyUploadOutcomeUnknownError ? error.cause : error;
  ensure(
    (!unknownOutcome || error instanceof KyyUploadOutcomeUnknownError) &&
      actual instanceof expected,
    `the client should turn ${scenario} on ${operation} into ${unknownOutcome ? `KyyUploadOutcomeUnknownError caused by ${expected.name}` : expected.name}, got ${String(error)}`,
  );
}

async function callClient(
  session: ContractSession,
  operation: OperationId,
  scenario: ScenarioName,
  assetId: string,
) {
  const client = session.client({ scenario, maxRetries: 0 });
  const call =
    operation === 'uploadAsset'
      ? client.assets.upload({ assetType: 'Image', url: session.target.assetUrl })
      : operation === 'getAsset'
        ? client.assets.get(assetId)
        : client.assets.delete(assetId);
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function faultCheck(operation: OperationId, scenario: ScenarioName): Check {
  return {
    id: `fault/${operation}/${scenario}`,
    title: `${operation} under the "${scenario}" scenario`,
    covers: [{ operation, outcome: `fault: ${scenario}` }],
    mockOnly: true,
    async run(session) {
      const store = session.target.mock?.mock.store;
      ensure(store, 'fault scenarios need a mock target');
      // latency delivers a normal answer late, so a delete really deletes: give it its own asset.
      const assetId =
        operation === 'deleteAsset' && scenario === 'latency'
          ? await session.createAsset('latency delete')
          : operation === 'uploadAsset'
            ? ''
            : await session.sharedAsset();
      const sizeBefore = store.size;
      const exchange = await session.request({
        operation,
        ...(operation === 'uploadAsset'
          ? {
              body: {
                assetType: 'Image',
                url: session.target.assetUrl,
                name: `contract-tests ${session.runId} ${scenario}`,
              },
            }
          : { assetId }),
        scenario,
      });

      if (scenario === 'latency') {
        assertSuccess(session.validator, exchange);
        return;
      }
      FAULTS[scenario].wire(session, exchange);
      ensure(
        store.size === sizeBefore,
        `${scenario} must not change the store (it answers before touching it)`,
        exchange,
      );
      if (operation !== 'uploadAsset')
        ensure(store.has(assetId), `${scenario} must not delete the asset`, exchange);
      expectClientError(
        operation,
        scenario,
        await callClient(session, operation, scenario, assetId),
      );
      ensure(store.size === sizeBefore, `${scenario} via the client must not change the store`);
    },
  };
}

const FAULT_OPERATIONS: OperationId[] = ['uploadAsset', 'getAsset', 'deleteAsset'];

export const faultScenarioChecks: Check[] = FAULT_OPERATIONS.flatMap((operation) =>
  SCENARIOS.map((scenario) => faultCheck(operation, scenario)),
);
