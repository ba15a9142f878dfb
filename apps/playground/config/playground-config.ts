import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import { realServiceProxy } from './real-service-proxy.js';
import { sampleMediaPlugin } from './sample-media-plugin.js';
import { mockServiceWorkerPlugin } from './service-worker-plugin.js';

/** The dev server's address, the one `pnpm start` prints. */
export const DEV_HOST = '127.0.0.1';
export const DEV_PORT = 5173;
/** vite's own default preview port; tests pass their own free port instead. */
export const PREVIEW_PORT = 4173;

export interface PlaygroundConfigOptions {
  /** Where the "Real service" target is forwarded. Tests point it at a local mock server. */
  realBaseUrl?: string;
}

export function createPlaygroundConfig(options: PlaygroundConfigOptions = {}): UserConfig {
  const proxy = realServiceProxy(options.realBaseUrl ?? DEFAULT_BASE_URL);
  return {
    plugins: [react(), mockServiceWorkerPlugin(), sampleMediaPlugin()],
    // A fixed address so the URL printed by `pnpm start` is always the one to open; a clash fails
    // loudly instead of silently moving to another port.
    server: { host: DEV_HOST, port: DEV_PORT, strictPort: true, proxy },
    preview: { host: DEV_HOST, port: PREVIEW_PORT, strictPort: true, proxy },
    // The app is only ever served from this machine (dev server or preview), never over a slow
    // link, and its in-browser mock (msw + zod) is one ~420 kB chunk (more in the e2e tests'
    // unminified-React build): a size warning would only be noise.
    build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2_000 },
  };
}
