import { randomBytes } from 'node:crypto';
import { createKyyClient, type KyyClient, type KyyClientOptions } from '@kyyvideo/client';
import { isSuccessCode, redactSecret } from '@kyyvideo/contract';
import { SCENARIO_HEADER, type ScenarioName } from '@kyyvideo/mock';
import { assertSuccess, conformanceProblems, envelopeCode } from './assertions.js';
import { type AssetTracker, createAssetTracker } from './asset-tracker.js';
import { createRecordingFetch, type Exchange, jsonBody } from './exchange.js';
import {
  createOpenApiValidator,
  type OpenApiValidator,
  type OperationId,
} from './openapi-validator.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { ContractTarget } from './targets/target.js';

export interface RawRequest {
  operation: OperationId;
  assetId?: string;
  /** The `{id}` of a video task path. */
  taskId?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent exactly as given (for malformed JSON). */
  rawBody?: string;
  /** Default `application/json` whenever a body is sent. */
  contentType?: string;
  /** Default: the target's key. */
  auth?: 'session-key' | 'none' | { token: string };
  scenario?: ScenarioName;
}

export interface CleanupReport {
  deleted: string[];
  failed: Array<{ assetId: string; reason: string }>;
}

/** One run of the suite against one target: the recorded wire, helpers, and the cleanup. */
export interface ContractSession {
  readonly target: ContractTarget;
  readonly validator: OpenApiValidator;
  /** Short random tag put into asset names, so a run's assets are recognisable. */
  readonly runId: string;
  readonly exchanges: readonly Exchange[];
  readonly tracker: AssetTracker;
  readonly limiter: RateLimiter | undefined;
  /** Strings that must never appear in output: the target's key. */
  readonly secrets: readonly string[];
  /** Recording (and, for the real service, rate-limited) fetch for the suite's own requests. */
  readonly fetch: typeof fetch;
  /** The same, for the client under test: its requests are held to the spec too. */
  readonly clientFetch: typeof fetch;
  /** One raw request; never throws for a network error (it is in the returned exchange). */
  request(request: RawRequest): Promise<Exchange>;
  /** A client on this target whose every exchange is recorded. */
  client(
    options?: Omit<KyyClientOptions, 'fetch' | 'baseUrl'> & { scenario?: ScenarioName },
  ): KyyClient;
  /** A live asset for checks that need one to exist (auth, faults); created once per session. */
  sharedAsset(): Promise<string>;
  /** Uploads one asset with the session key and returns its id. */
  createAsset(label: string): Promise<string>;
  finishReview(): void;
  mask(text: string): string;
  /** Deletes every asset this session saw created and not yet deleted. */
  cleanup(): Promise<CleanupReport>;
}

const assetIdFromPath = (path: string) => decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));

let sharedValidator: OpenApiValidator | undefined;

// Compiling the spec once per worker is enough: it does not change during a run.
function validatorOnce(): OpenApiValidator {
  sharedValidator ??= createOpenApiValidator();
  return sharedValidator;
}

export function openSession(target: ContractTarget): ContractSession {
  const validator = validatorOnce();
  const tracker = createAssetTracker();
  const exchanges: Exchange[] = [];
  const limiter =
    target.minIntervalMs > 0
      ? createRateLimiter({ minIntervalMs: target.minIntervalMs })
      : undefined;
  const runId = target.runId ?? randomBytes(3).toString('hex');
  const secrets = [target.apiKey];

  // Err on the side of cleaning up: any id an upload answer carries counts as created, but a
  // delete counts only when its answer is a conforming success (not, say, a fault's bare code 0).
  const observe = (exchange: Exchange) => {
    exchanges.push(exchange);
    const body = jsonBody(exchange) as { data?: { assetId?: unknown } } | undefined;
    const success =
      exchange.status !== undefined &&
      exchange.status < 300 &&
      isSuccessCode(envelopeCode(exchange));
    if (
      exchange.operation === 'uploadAsset' &&
      success &&
      typeof body?.data?.assetId === 'string'
    ) {
      tracker.created(body.data.assetId);
    }
    if (
      exchange.operation === 'deleteAsset' &&
      success &&
      conformanceProblems(validator, exchange).length === 0
    ) {
      tracker.deleted(assetIdFromPath(exchange.path));
    }
  };

  const recordingFetchFor = (source: Exchange['source']) =>
    createRecordingFetch({
      transport: target.transport,
      validator,
      sessionKey: target.apiKey,
      source,
      ...(limiter ? { limiter } : {}),
      onExchange: observe,
    });
  const recordingFetch = recordingFetchFor('suite');
  const clientFetch = recordingFetchFor('client');

  const withScenario =
    (scenario: ScenarioName): typeof fetch =>
    (input, init) => {
      const request = new Request(input, init);
      request.headers.set(SCENARIO_HEADER, scenario);
      return clientFetch(request);
    };

  const urlFor = (operation: OperationId, assetId?: string, taskId?: string) => {
    const template = validator.operations.find((op) => op.id === operation);
    if (!template) throw new Error(`The spec has no operation ${operation}`);
    const path = template.path
      .replace('{assetId}', encodeURIComponent(assetId ?? ''))
      .replace('{id}', encodeURIComponent(taskId ?? ''));
    return { url: `${target.baseUrl}${path}`, method: template.method };
  };

  const session: ContractSession = {
    target,
    validator,
    runId,
    exchanges,
    tracker,
    limiter,
    secrets,
    fetch: recordingFetch,
    clientFetch,
    async request(raw) {
      const { url, method } = urlFor(raw.operation, raw.assetId, raw.taskId);
      const headers = new Headers();
      const auth = raw.auth ?? 'session-key';
      if (auth === 'session-key') headers.set('authorization', `Bearer ${target.apiKey}`);
      else if (auth !== 'none') headers.set('authorization', `Bearer ${auth.token}`);
      const body = raw.rawBody ?? (raw.body === undefined ? undefined : JSON.stringify(raw.body));
      if (body !== undefined) headers.set('content-type', raw.contentType ?? 'application/json');
      if (raw.scenario) headers.set(SCENARIO_HEADER, raw.scenario);
      const before = exchanges.length;
      try {
        await recordingFetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
      } catch {
        // The exchange (with its network error) is already recorded.
      }
      const exchange = exchanges[before];
      if (!exchange) throw new Error(`${method} ${url} was not recorded`);
      return exchange;
    },
    client(options = {}) {
      const { scenario, ...rest } = options;
      return createKyyClient({
        apiKey: target.apiKey,
        ...rest,
        baseUrl: target.baseUrl,
        fetch: scenario ? withScenario(scenario) : clientFetch,
      });
    },
    async createAsset(label) {
      const exchange = await session.request({
        operation: 'uploadAsset',
        body: {
          assetType: 'Image',
          url: target.assetUrl,
          name: `contract-tests ${runId} ${label}`,
        },
      });
      assertSuccess(validator, exchange);
      return (jsonBody(exchange) as { data: { assetId: string } }).data.assetId;
    },
    sharedAsset: (() => {
      let shared: Promise<string> | undefined;
      return () => {
        shared ??= session.createAsset('shared');
        shared.catch(() => {
          shared = undefined;
        });
        return shared;
      };
    })(),
    finishReview() {
      target.mock?.finishReview();
    },
    mask: (text) => redactSecret(text, secrets),
    async cleanup() {
      const report: CleanupReport = { deleted: [], failed: [] };
      for (const assetId of tracker.pending()) {
        const exchange = await session.request({ operation: 'deleteAsset', assetId });
        const code = envelopeCode(exchange);
        if (isSuccessCode(code) || code === -1) {
          tracker.deleted(assetId);
          report.deleted.push(assetId);
        } else {
          report.failed.push({
            assetId,
            reason: redactSecret(
              `HTTP ${exchange.status ?? '-'} code ${JSON.stringify(code)} ${exchange.networkError ?? ''}`.trim(),
              secrets,
            ),
          });
        }
      }
      return report;
    },
  };
  return session;
}
