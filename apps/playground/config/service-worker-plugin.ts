import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** Where the page registers the worker; msw's default, and it must sit at the site root. */
export const SERVICE_WORKER_PATH = '/mockServiceWorker.js';

/**
 * The msw worker script shipped by @kyyvideo/mock. Resolved through the package's exports so the
 * playground always serves the copy that matches the installed msw, and never commits a second one.
 */
export function resolveServiceWorkerScript(): string {
  return createRequire(import.meta.url).resolve('@kyyvideo/mock/mockServiceWorker.js');
}

/** Serves the worker script in the dev server and writes it into the build output. */
export function mockServiceWorkerPlugin(scriptPath = resolveServiceWorkerScript()): Plugin {
  const read = () => readFileSync(scriptPath, 'utf8');
  return {
    name: 'kyy-playground:mock-service-worker',
    configureServer(server) {
      server.middlewares.use(SERVICE_WORKER_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        // The worker must update as soon as @kyyvideo/mock ships a new one.
        res.setHeader('Cache-Control', 'no-cache');
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: SERVICE_WORKER_PATH.slice(1),
        source: read(),
      });
    },
  };
}
