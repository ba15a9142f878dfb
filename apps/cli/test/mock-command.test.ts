import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, type KyyRun, kyy, waitForOutput } from './kyy-process.js';

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
async function withMock(
  args: string[],
  use: (url: string) => Promise<void>,
  cwd?: string,
): Promise<KyyRun> {
  let failure: unknown;
  const run = await kyy(['mock', '--port', '0', '--json', ...args], {
    cwd,
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
          'Image',
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

  it('is found by --mock on the port KYY_MOCK_PORT names, with no key configured', async () => {
    await withMock(['--review-delay', '0'], async (url) => {
      const port = new URL(url).port;
      const up = await kyy(
        ['--mock', 'assets', 'upload', '--type', 'Image', '--url', 'https://example.com/p.png'],
        { env: { KYY_MOCK_PORT: port } },
      );
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toMatch(/Uploaded asset-\d{14}-[a-z0-9]{5}/);
    });
  });

  it('keeps assets across restarts with --state', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'kyy-mock-state-')), 'state.json');
    let id = '';
    await withMock(['--state', state], async (url) => {
      const up = await kyy(
        ['assets', 'upload', '--type', 'Image', '--url', 'https://example.com/s.png', '--quiet'],
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

  it('proxies to another mock with --proxy, recording to a file relative to its folder, key masked', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kyy-mock-proxy-'));
    await withMock(['--review-delay', '0'], async (standIn) => {
      const run = await withMock(
        ['--proxy', standIn, '--strict', '--record', 'rec.har'],
        async (url) => {
          const up = await kyy(
            [
              'assets',
              'upload',
              '--type',
              'Image',
              '--url',
              'https://example.com/p.png',
              '--quiet',
            ],
            { env: { KYY_BASE_URL: url, KYY_API_KEY: KEY } },
          );
          expect(up.code, up.stderr).toBe(0);
          expect(up.stdout.trim()).toMatch(/^asset-\d{14}-[a-z0-9]{5}$/);
        },
        folder,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain(KEY);
    });
    const har = readFileSync(join(folder, 'rec.har'), 'utf8');
    expect(JSON.parse(har).log.entries).toHaveLength(1);
    expect(har).not.toContain(KEY);
  });

  it('rejects bad flags before starting, with the same messages as kyy-mock', async () => {
    const r = await kyy(['mock', '--port', '70000']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--port must be a whole number from 0 to 65535; got "70000"/);
    const env = await kyy(['mock'], { env: { KYY_MOCK_PORT: 'abc' } });
    expect(env.code, env.stderr).toBe(2);
    expect(env.stderr).toMatch(/KYY_MOCK_PORT must be a whole number from 0 to 65535; got "abc"/);
    const timeout = await kyy(['mock', '--headers-timeout', '0']);
    expect(timeout.code, timeout.stderr).toBe(2);
    expect(timeout.stderr).toMatch(/--headers-timeout must be a whole number from 1 to/);
  });

  it('lists the shared flags, with their defaults, in --help', async () => {
    const r = await kyy(['mock', '--help']);
    expect(r.code, r.stderr).toBe(0);
    for (const flag of ['--port', '--state', '--review-delay', '--latency', '--headers-timeout']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/\$KYY_MOCK_PORT, else 4010/);
    expect(r.stdout).toContain('KYY_MOCK_API_KEY');
  });

  it('takes its port from KYY_MOCK_PORT when --port is not given', async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) => {
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port));
    });
    try {
      // The port is taken, so the answer names it: proof the variable was read.
      const r = await kyy(['mock'], { env: { KYY_MOCK_PORT: String(port) } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      busy.close();
    }
  });

  it('suggests a command that works when pasted into a shell, key and all', async () => {
    // A `kyy` on PATH, as after `npm install -g`, so the printed line runs exactly as shown.
    const binDir = mkdtempSync(join(tmpdir(), 'kyy-path-'));
    writeFileSync(join(binDir, 'kyy'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(binDir, 'kyy'), 0o755);
    let line = '';
    let pasted: { stdout: string; stderr: string } | undefined;
    let failure: unknown;
    await kyy(['mock', '--port', '0', '--review-delay', '0'], {
      onSpawn: (child, out) => {
        void waitForOutput(child, out.stdout, (text) => /^Try: .*\n/m.test(text))
          .then(async () => {
            line = (/^Try: +(.*)$/m.exec(out.stdout()) as RegExpExecArray)[1] as string;
            // No KYY_API_KEY in this environment: the line itself must supply what is needed.
            pasted = await promisify(execFile)('/bin/sh', ['-c', line], {
              env: { PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' },
            });
          })
          .catch((error: unknown) => {
            failure = error;
          })
          .finally(() => child.kill('SIGTERM'));
      },
    });
    if (failure) throw failure;
    expect(line).toMatch(/^KYY_API_KEY=any-key kyy --base-url http:\/\/127\.0\.0\.1:\d+\//);
    expect(pasted?.stdout).toMatch(/^Uploaded asset-\d{14}-[a-z0-9]{5} /);
  });

  it('says clearly when the port is taken (exit 1)', async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) => {
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port));
    });
    try {
      const r = await kyy(['mock', '--port', String(port)]);
      expect(r.code, r.stderr).toBe(1);
      // The same one line as `kyy-mock` prints: both come from @kyyvideo/mock/cli.
      expect(r.stderr).toContain(
        `Port ${port} on 127.0.0.1 is already in use (is \`pnpm start\`, \`pnpm mock\` or another mock already running?)`,
      );
      expect(r.stderr).toMatch(
        /pass --port <n> or set KYY_MOCK_PORT \(--port 0 picks any free port\)/,
      );
      expect(r.stderr).not.toMatch(/^error: listen EADDRINUSE/m);
      const j = await kyy(['mock', '--port', String(port), '--json']);
      expect(j.code).toBe(1);
      expect(JSON.parse(j.stderr)).toMatchObject({
        error: { type: 'MockStartError', exitCode: 1, message: expect.stringMatching(/in use/) },
      });
    } finally {
      busy.close();
    }
  });
});
