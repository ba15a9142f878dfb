import { DEFAULT_BASE_URL, DOCUMENTED_POLL_TIMEOUT_MS } from '@kyyvideo/contract';
import { REAL_SERVICE_MIN_INTERVAL_MS } from '../rate-limiter.js';
import {
  type ContractTarget,
  globalTransport,
  type TargetPlan,
  UNREACHABLE_ASSET_URL,
} from './target.js';

/**
 * A public image for the lifecycle against the real service: a plain cat photo (no face, so no
 * extended review), 1600×1200 — inside the documented 300–6000 px and 0.4–2.5 aspect ratio.
 * Override with KYY_CONTRACT_ASSET_URL if the service cannot reach it from where it runs.
 */
export const DEFAULT_REAL_ASSET_URL =
  'https://upload.wikimedia.org/wikipedia/commons/3/3a/Cat03.jpg';

// Room for the rate-limited requests around the review wait (a lifecycle makes about a dozen).
const REAL_CHECK_SLACK_MS = 60_000;
const REAL_CHECK_TIMEOUT_MS = DOCUMENTED_POLL_TIMEOUT_MS + REAL_CHECK_SLACK_MS;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const HOW_TO_ENABLE =
  'run `KYY_API_KEY=<your key> pnpm test:contract` (optionally KYY_CONTRACT_BASE_URL=<base URL>)';

export interface RealTargetEnv {
  KYY_API_KEY?: string | undefined;
  KYY_CONTRACT_BASE_URL?: string | undefined;
  KYY_CONTRACT_RATE_MS?: string | undefined;
  KYY_CONTRACT_ASSET_URL?: string | undefined;
  KYY_CONTRACT_RUN_ID?: string | undefined;
}

/**
 * A fixed run tag (it goes into asset names) instead of a random one, so that a run sends the
 * same requests as the run that was recorded and a `kyy-mock --replay` of it can answer them.
 */
function parseRunId(value: string | undefined): string | undefined {
  const id = value?.trim();
  if (!id) return undefined;
  if (!/^[a-z0-9-]{1,16}$/.test(id)) {
    throw new Error(
      `KYY_CONTRACT_RUN_ID must be 1 to 16 lowercase letters, digits or dashes, got ${JSON.stringify(value)}.`,
    );
  }
  return id;
}

function parseHttpUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(value)}.`);
  }
  return url;
}

function parseInterval(value: string | undefined, baseUrl: URL): number {
  if (value === undefined || value.trim() === '') return REAL_SERVICE_MIN_INTERVAL_MS;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(
      `KYY_CONTRACT_RATE_MS must be a number of milliseconds ≥ 0, got ${JSON.stringify(value)}.`,
    );
  }
  // Faster than one request per second is only for a dry run against a local mock.
  if (ms < REAL_SERVICE_MIN_INTERVAL_MS && !LOOPBACK_HOSTS.has(baseUrl.hostname)) {
    throw new Error(
      `KYY_CONTRACT_RATE_MS=${ms} is below ${REAL_SERVICE_MIN_INTERVAL_MS} ms; that is only allowed against a loopback base URL (a local mock), never against ${baseUrl.origin}.`,
    );
  }
  return ms;
}

/**
 * Decides whether the real endpoint runs. It runs only under `pnpm test:contract` (so that a key
 * exported for the CLI never makes `pnpm test` call the service) and only with KYY_API_KEY set.
 */
export function planRealTarget(env: RealTargetEnv, options: { contractRun: boolean }): TargetPlan {
  const key = env.KYY_API_KEY?.trim();
  if (!options.contractRun) {
    return {
      name: 'real',
      enabled: false,
      isMock: false,
      reason: `\`pnpm test\` runs the offline targets only; to include the real endpoint ${HOW_TO_ENABLE}.`,
    };
  }
  if (!key) {
    return {
      name: 'real',
      enabled: false,
      isMock: false,
      reason: `KYY_API_KEY is not set, so nothing was sent to the real service; to include it ${HOW_TO_ENABLE}.`,
    };
  }
  const baseUrl = parseHttpUrl(
    'KYY_CONTRACT_BASE_URL',
    env.KYY_CONTRACT_BASE_URL?.trim() || DEFAULT_BASE_URL,
  );
  const minIntervalMs = parseInterval(env.KYY_CONTRACT_RATE_MS, baseUrl);
  const assetUrl = parseHttpUrl(
    'KYY_CONTRACT_ASSET_URL',
    env.KYY_CONTRACT_ASSET_URL?.trim() || DEFAULT_REAL_ASSET_URL,
  ).href;
  const runId = parseRunId(env.KYY_CONTRACT_RUN_ID);
  return {
    name: 'real',
    enabled: true,
    isMock: false,
    checkTimeoutMs: REAL_CHECK_TIMEOUT_MS,
    start: async (): Promise<ContractTarget> => ({
      name: 'real',
      baseUrl: baseUrl.href.replace(/\/$/, ''),
      apiKey: key,
      transport: globalTransport,
      minIntervalMs,
      assetUrl,
      unreachableUrl: UNREACHABLE_ASSET_URL,
      reviewTimeoutMs: DOCUMENTED_POLL_TIMEOUT_MS,
      checkTimeoutMs: REAL_CHECK_TIMEOUT_MS,
      ...(runId !== undefined && { runId }),
      close: async () => {},
    }),
  };
}
