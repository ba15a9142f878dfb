import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type KyyRun, kyy, waitForOutput } from './kyy-process.js';

const KEY = 'sk-kyy-mock-cmd-Hs2Kd8Wq5Np7';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Starts `kyy mock` on a free port and hands its URL to `use`; stops it with SIGTERM after. */
async function withMock(args: string[], use: (url: string) => Promise<void>): Promise<KyyRun> {
  let failure: unknown;
  const run = await kyy(['mock', '--port', '0', '--json', ...args], {
    onSpawn: (child, out) => {
      void waitForOutput(child, out.stdout, parses)
        .then(async () => {
          const { url, port } = JSON.parse(out.stdout()) as { url: string; port: number };
          expect(port).toBeGreaterThan(0);
          expect(url).toBe(`http://127.0.0.1:${port}/kyyReactApiServer`);
          await use(url);
        })
        .catch((error: unknown) => {
          failure = error;
        })
        .finally(() => child.kill('SIGTERM'));
    },
  });
  if (failure) throw failure;
  return run;
}

describe('kyy mock', () => {
  it('serves the API until stopped, printing its URL as one JSON document', async () => {
    const run = await withMock(['--review-delay', '0'], async (url) => {
      const env = { KYY_BASE_URL: url, KYY_API_KEY: KEY };
      const up = await kyy(
        [
          'assets',
          'upload',
          '--type',
          'image',
          '--url',
          'https://example.com/a.png',
          '--wait',
          '--json',
        ],
        { env },
      );
      expect(up.code, up.stderr).toBe(0);
      expect(JSON.parse(up.stdout).asset.status).toBe('Active');
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(''); // --json keeps the request log off stderr
  });

  it('keeps assets across restarts with --state', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'kyy-mock-state-')), 'state.json');
    let id = '';
    await withMock(['--state', state], async (url) => {
      const up = await kyy(
        ['assets', 'upload', '--type', 'image', '--url', 'https://example.com/s.png', '--quiet'],
        {
          env: { KYY_BASE_URL: url, KYY_API_KEY: KEY },
        },
      );
      id = up.stdout.trim();
    });
    await withMock(['--state', state], async (url) => {
      const got = await kyy(['assets', 'get', id, '--json'], {
        env: { KYY_BASE_URL: url, KYY_API_KEY: KEY },
      });
      expect(got.code, got.stderr).toBe(0);
      expect(JSON.parse(got.stdout).assetId).toBe(id);
    });
  });

  it('rejects a bad port before starting', async () => {
    const r = await kyy(['mock', '--port', '70000']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--port must be a whole number from 0 to 65535; got "70000"/);
  });
});
