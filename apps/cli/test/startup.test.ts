import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from './kyy-process.js';

const PRELOAD = fileURLToPath(new URL('./fixtures/log-imports.mjs', import.meta.url));

// `kyy mock`'s flags come from @kyyvideo/mock/cli (one parser for `kyy mock` and `kyy-mock`), so
// building the command tree loads that small, dependency-free part of the mock, and only it.
const SHARED_MOCK_FLAGS = /\/mock\/dist\/(cli\/|options\.js|server\/defaults\.js)/;

/** The mock's modules among `loaded`, except the shared flag definitions. */
function mockModules(loaded: string[]): string[] {
  return loaded.filter((url) => url.includes('/mock/dist/') && !SHARED_MOCK_FLAGS.test(url));
}

/** The module URLs a `kyy` run loads. */
function modulesLoadedBy(args: string[], env: Record<string, string> = {}): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'kyy-imports-')), 'imports.log');
  try {
    execFileSync(process.execPath, ['--import', PRELOAD, BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', KYY_IMPORT_LOG: log, ...env },
      stdio: 'pipe',
    });
  } catch {
    // Usage errors exit non-zero; only the import log matters here.
  }
  return readFileSync(log, 'utf8').trim().split('\n');
}

describe('fast start', () => {
  it('--help and usage errors load no command, client, schema library or mock', () => {
    for (const args of [
      ['--help'],
      ['--version'],
      ['assets', 'get'],
      ['generate', '--help'],
      ['videos', 'wait'],
    ]) {
      const modules = modulesLoadedBy(args);
      expect(mockModules(modules), args.join(' ')).toEqual([]);
      const loaded = modules.join('\n');
      // The shim handed over to the real program (else "loads nothing heavy" would prove nothing).
      expect(loaded, args.join(' ')).toContain('/dist/main.js');
      // commander, through the typings wrapper (which loads it with require, unseen by the log).
      expect(loaded, args.join(' ')).toContain('/@commander-js/extra-typings/');
      for (const heavy of [
        '/commands/',
        '/zod/',
        // Only the client's light errors entry may load (the error boundary recognises its kinds).
        '/client/dist/index.js',
        '/client/dist/client.js',
        '/contract/dist/index.js',
        '/msw/',
        '/cli-progress/',
        '/batch/',
      ]) {
        expect(loaded, `${args.join(' ')} loaded ${heavy}`).not.toContain(heavy);
      }
    }
  });

  it('a command loads its own module and the client, but not the others or the mock', () => {
    // Nothing listens on port 1, so the request fails fast; only what was loaded matters.
    const modules = modulesLoadedBy(['assets', 'get', 'asset-20260330142158-q75m8'], {
      KYY_API_KEY: 'sk-startup-test-key',
      KYY_BASE_URL: 'http://127.0.0.1:1/kyyReactApiServer',
    });
    expect(mockModules(modules)).toEqual([]);
    const loaded = modules.join('\n');
    expect(loaded).toContain('/commands/get.js');
    expect(loaded).toContain('/client/dist/');
    for (const other of ['/commands/upload.js', '/commands/batch.js', '/msw/', '/cli-progress/']) {
      expect(loaded).not.toContain(other);
    }
  });
});
