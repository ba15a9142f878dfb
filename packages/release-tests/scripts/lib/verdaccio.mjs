// The local registry: Verdaccio installed with npm into a cache of its own (never a workspace
// dependency, so `pnpm install` stays lean), started on loopback with throw-away storage and no
// uplinks, so nothing published here can leave the machine and nothing is proxied in.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, LOOPBACK, waitForHttp } from './network.mjs';
import { run, startService } from './processes.mjs';

// Pinned: later 6.x releases need Node 22, and the machines this runs on have Node 20.
export const VERDACCIO_VERSION = '6.8.0';
// verdaccio-audit pulls a node-fetch that does not install cleanly on Node 20 without this.
export const VERDACCIO_OVERRIDES = { 'verdaccio-audit': { 'node-fetch': '2.7.0' } };
/** A cold install of ~330 packages takes ~15 s here; slow mirrors get plenty of room. */
const INSTALL_TIMEOUT_MS = 5 * 60_000;
/** Verdaccio answers its ping within a few seconds of starting. */
const START_TIMEOUT_MS = 60_000;
/** npm and pnpm refuse to publish without a token; Verdaccio lets anyone publish here anyway. */
export const DUMMY_AUTH_TOKEN = 'kyy-release-test-dummy-token';

/**
 * Where Verdaccio lives between runs: reused when present, so only the first run downloads it.
 * @param {string} cacheDir
 */
export function verdaccioInstallDir(cacheDir) {
  return join(cacheDir, `verdaccio-${VERDACCIO_VERSION}`);
}

/** The manifest of the private project Verdaccio is installed into. */
export function installManifest() {
  return {
    name: 'kyy-release-verdaccio',
    private: true,
    description: 'Verdaccio for @kyyvideo/release-tests; safe to delete',
    dependencies: { verdaccio: VERDACCIO_VERSION },
    overrides: VERDACCIO_OVERRIDES,
  };
}

/**
 * Installs Verdaccio unless a complete install is already cached; returns its bin script.
 * The install happens in a side directory that is renamed into place only once complete, so an
 * interrupted install is never mistaken for a usable one.
 * @param {{ cacheDir: string, env: NodeJS.ProcessEnv, echo?: (chunk: string) => void }} options
 * @returns {Promise<{ bin: string, reused: boolean }>}
 */
export async function ensureVerdaccio({ cacheDir, env, echo }) {
  const dir = verdaccioInstallDir(cacheDir);
  const bin = join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const marker = join(dir, 'installed.json');
  const manifest = installManifest();
  if (await isCompleteInstall(marker, manifest)) return { bin, reused: true };

  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: staging,
      env,
      timeoutMs: INSTALL_TIMEOUT_MS,
      ...(echo ? { echo } : {}),
    });
    const installed = JSON.parse(
      await readFile(join(staging, 'node_modules', 'verdaccio', 'package.json'), 'utf8'),
    );
    if (installed.version !== VERDACCIO_VERSION) {
      throw new Error(
        `npm installed verdaccio ${installed.version}, expected ${VERDACCIO_VERSION}`,
      );
    }
    await writeFile(join(staging, 'installed.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { bin, reused: false };
}

/**
 * @param {string} marker
 * @param {object} manifest
 */
async function isCompleteInstall(marker, manifest) {
  if (!existsSync(marker)) return false;
  try {
    return (await readFile(marker, 'utf8')).trim() === JSON.stringify(manifest, null, 2);
  } catch {
    return false;
  }
}

/**
 * Verdaccio's config: local storage only, anyone may read and publish, no uplinks.
 * @param {{ storageDir: string, htpasswdFile: string }} paths
 */
export function renderConfig({ storageDir, htpasswdFile }) {
  return [
    '# Written by @kyyvideo/release-tests for one run; deleted with it.',
    `storage: ${JSON.stringify(storageDir)}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(htpasswdFile)}`,
    '    max_users: -1',
    '# No uplinks: nothing is proxied to or from any other registry.',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $all',
    '    unpublish: $all',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

/**
 * Starts Verdaccio on a free loopback port with storage under `workDir`.
 * @param {{ bin: string, workDir: string, env: NodeJS.ProcessEnv, echo?: (chunk: string) => void }} options
 */
export async function startVerdaccio({ bin, workDir, env, echo }) {
  await mkdir(join(workDir, 'storage'), { recursive: true });
  const configFile = join(workDir, 'config.yaml');
  await writeFile(
    configFile,
    renderConfig({ storageDir: join(workDir, 'storage'), htpasswdFile: join(workDir, 'htpasswd') }),
  );
  const port = await freePort();
  const url = `http://${LOOPBACK}:${port}/`;
  const service = await startService(
    process.execPath,
    [bin, '--config', configFile, '--listen', `${LOOPBACK}:${port}`],
    {
      cwd: workDir,
      env,
      timeoutMs: START_TIMEOUT_MS,
      ready: /http address/,
      ...(echo ? { echo } : {}),
    },
  );
  try {
    await waitForHttp(`${url}-/ping`, START_TIMEOUT_MS);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { url, port, stop: service.stop, output: service.output };
}
