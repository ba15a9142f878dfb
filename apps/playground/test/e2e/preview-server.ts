import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { createPlaygroundConfig, DEV_HOST } from '../../config/playground-config.js';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, DEV_HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface PreviewedApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the app exactly as `vite build` does, into a temporary folder (so a concurrent build of
 * dist/ is left alone), and serves it with `vite preview` on a free loopback port. The "Real
 * service" proxy goes to `realBaseUrl`, so tests never leave this machine.
 */
export async function buildAndPreview(options: { realBaseUrl: string }): Promise<PreviewedApp> {
  const outDir = await mkdtemp(join(tmpdir(), 'kyy-playground-e2e-'));
  const config = createPlaygroundConfig({ realBaseUrl: options.realBaseUrl });
  await build({
    ...config,
    configFile: false,
    root: PACKAGE_DIR,
    logLevel: 'warn',
    build: { ...config.build, outDir, emptyOutDir: true, sourcemap: false },
  });
  const port = await freePort();
  const server = await preview({
    ...config,
    configFile: false,
    root: PACKAGE_DIR,
    logLevel: 'warn',
    build: { ...config.build, outDir },
    preview: { ...config.preview, port, strictPort: true, open: false },
  });
  return {
    url: `http://${DEV_HOST}:${port}`,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
