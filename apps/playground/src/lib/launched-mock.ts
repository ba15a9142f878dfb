/// <reference types="vite/client" />
import { MOCK_BASE_URL } from '@kyyvideo/contract';

/**
 * The mock server this page's `pnpm start` launched (scripts/start.mjs hands its URL to vite), or
 * the mock's documented address when the playground runs on its own. With custom ports this is
 * what keeps the "Local mock server" target from talking to some other mock on the default port.
 */
export function launchedMockUrl(launched: string | undefined): string {
  const url = launched?.trim();
  return url ? url.replace(/\/+$/, '') : MOCK_BASE_URL;
}

export const LOCAL_MOCK_URL = launchedMockUrl(import.meta.env.VITE_KYY_LOCAL_MOCK_URL);
