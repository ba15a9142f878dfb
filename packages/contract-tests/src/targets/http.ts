import { SCENARIOS } from '@kyyvideo/mock';
import { startMockServer } from '@kyyvideo/mock/server';
import { MOCK_ASSET_URL, MOCK_CHECK_TIMEOUT_MS, mockTargetOptions } from './mock-options.js';
import {
  type ContractTarget,
  globalTransport,
  type TargetPlan,
  UNREACHABLE_ASSET_URL,
} from './target.js';

/** The standalone mock server (`@kyyvideo/mock/server`) on a free loopback port. */
export async function startHttpTarget(): Promise<ContractTarget> {
  const { options, finishReview } = mockTargetOptions();
  const server = await startMockServer({ ...options, port: 0, host: '127.0.0.1' });
  return {
    name: 'http',
    baseUrl: server.url,
    apiKey: options.apiKey,
    transport: globalTransport,
    minIntervalMs: 0,
    assetUrl: MOCK_ASSET_URL,
    unreachableUrl: UNREACHABLE_ASSET_URL,
    reviewTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
    checkTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
    mock: { mock: server.mock, scenarios: SCENARIOS, finishReview },
    close: () => server.close(),
  };
}

export const httpPlan: TargetPlan = {
  name: 'http',
  enabled: true,
  isMock: true,
  checkTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
  start: startHttpTarget,
};
