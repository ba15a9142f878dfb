import { type Mock, SCENARIOS } from '@kyyvideo/mock';
import { setupMockServer } from '@kyyvideo/mock/node';
import type { RequestHandler } from 'msw';
import { MOCK_ASSET_URL, MOCK_CHECK_TIMEOUT_MS, mockTargetOptions } from './mock-options.js';
import {
  type ContractTarget,
  globalTransport,
  type TargetPlan,
  UNREACHABLE_ASSET_URL,
} from './target.js';

// A reserved host: if msw ever failed to intercept, the request could not leave the machine.
const IN_PROCESS_BASE_URL = 'http://in-process.kyy-contract-tests.invalid/kyyReactApiServer';

export interface InProcessTargetOptions {
  /**
   * msw handlers put in front of the mock's own, e.g. to break it on purpose. Given the mock,
   * and its key, so an override can forward to the real handlers and alter their answer.
   */
  overrides?: (mock: Mock, apiKey: string) => RequestHandler[];
}

/** The mock's msw handlers intercepting this process's fetch (`@kyyvideo/mock/node`). */
export async function startInProcessTarget(
  options: InProcessTargetOptions = {},
): Promise<ContractTarget> {
  const { options: mockOptions, finishReview } = mockTargetOptions();
  const { server, mock } = setupMockServer(mockOptions);
  server.listen({ onUnhandledRequest: 'error' });
  const overrides = options.overrides?.(mock, mockOptions.apiKey) ?? [];
  if (overrides.length > 0) server.use(...overrides);
  return {
    name: 'in-process',
    baseUrl: IN_PROCESS_BASE_URL,
    apiKey: mockOptions.apiKey,
    transport: globalTransport,
    minIntervalMs: 0,
    assetUrl: MOCK_ASSET_URL,
    unreachableUrl: UNREACHABLE_ASSET_URL,
    reviewTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
    checkTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
    mock: { mock, scenarios: SCENARIOS, finishReview },
    close: async () => server.close(),
  };
}

export const inProcessPlan: TargetPlan = {
  name: 'in-process',
  enabled: true,
  isMock: true,
  checkTimeoutMs: MOCK_CHECK_TIMEOUT_MS,
  start: () => startInProcessTarget(),
};
