import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Asset, AssetsApi } from './client-types.js';
import type { Io } from './io.js';
import { main } from './main.js';

const ID = 'asset-20260330142158-q75m8';
const KEY = 'sk-unit-test-key-9f8e7d';

const asset = (status: Asset['status']): Asset => ({
  assetId: ID,
  name: 'cat',
  status,
  assetType: 'Image',
  url: 'https://x.example/cat.png',
  createTime: '2026-03-30 14:21:58',
});

function fakeAssets(overrides: Partial<AssetsApi> = {}): AssetsApi {
  return {
    upload: vi.fn(async () => ({ assetId: ID, ref: `asset://${ID}` as const })),
    get: vi.fn(async () => asset('Active')),
    delete: vi.fn(async () => ({ assetId: ID, alreadyGone: false })),
    waitUntilActive: vi.fn(async (_id, options) => {
      options?.onStatus?.(asset('Processing'));
      return asset('Active');
    }),
    // Batches go through the real client (clientAnswering below); here a batch is a mistake.
    prepare: vi.fn(async () => {
      throw new Error('this fake has no batch engine; use clientAnswering');
    }),
    ...overrides,
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  argv: string[],
  options: {
    tty?: boolean;
    stdin?: string;
    env?: Record<string, string>;
    assets?: AssetsApi;
    cwd?: string;
    onSecondInterrupt?: (cleanup: () => void) => void;
  } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [options.stdin]), {
    isTTY: options.tty ?? false,
  });
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false, columns: 100 },
    stdin,
    env: { KYY_API_KEY: KEY, ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const assets = options.assets ?? fakeAssets();
  const code = await main(argv, {
    io,
    createAssets: async () => assets,
    ...(options.onSecondInterrupt && { onSecondInterrupt: options.onSecondInterrupt }),
  });
  return { code, stdout, stderr };
}

describe('help', () => {
  it('every command ends with the exit-code table, once', async () => {
    for (const path of [
      [],
      ['assets'],
      ['assets', 'upload'],
      ['assets', 'batch'],
      ['generate'],
      ['videos'],
      ['videos', 'wait'],
      ['videos', 'download'],
      ['mock'],
    ]) {
      const r = await run([...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout.match(/^Exit codes:$/gm), path.join(' ')).toHaveLength(1);
      expect(r.stdout.trimEnd(), path.join(' ')).toMatch(/130 {2}interrupted \(Ctrl-C\)$/);
    }
  });
});

describe('delete confirmation', () => {
  it('refuses without a terminal and without --yes, before touching the service', async () => {
    const assets = fakeAssets();
    const r = await run(['assets', 'delete', ID], { assets });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing to delete .* pass --yes/);
    expect(assets.delete).not.toHaveBeenCalled();
  });

  it('asks on a terminal and deletes only after "y"', async () => {
    const yes = fakeAssets();
    const r = await run(['assets', 'delete', ID], {
      tty: true,
      stdin: 'y\n',
      assets: yes,
      env: { NO_COLOR: '1' },
    });
    expect(r.stderr).toContain(`Delete ${ID} permanently? This cannot be undone. [y/N]`);
    expect(r.code).toBe(0);
    expect(yes.delete).toHaveBeenCalledOnce();
    expect(r.stdout).toBe(`Deleted ${ID}\n`);

    const no = fakeAssets();
    const declined = await run(['assets', 'delete', ID], { tty: true, stdin: '\n', assets: no });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/Not deleted/);
    expect(no.delete).not.toHaveBeenCalled();
  });

  it('does not ask with --yes', async () => {
    const assets = fakeAssets();
    const r = await run(['assets', 'delete', ID, '--yes', '--json'], { tty: true, assets });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ assetId: ID, deleted: true, alreadyGone: false });
  });
});

describe('colours', () => {
  it('colours a terminal, and not with NO_COLOR or in a pipe', async () => {
    const esc = '\u001b[';
    expect((await run(['assets', 'get', ID], { tty: true })).stdout).toContain(esc);
    expect(
      (await run(['assets', 'get', ID], { tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain(esc);
    expect((await run(['assets', 'get', ID])).stdout).not.toContain(esc);
  });
});

describe('commands without argv parsing concerns', () => {
  it('passes the checked upload input to the client', async () => {
    const assets = fakeAssets();
    const r = await run(
      [
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://x.example/cat.png',
        '--name',
        'cat',
        '--quiet',
      ],
      { assets },
    );
    expect(assets.upload).toHaveBeenCalledWith(
      { assetType: 'Image', url: 'https://x.example/cat.png', name: 'cat' },
      expect.anything(),
    );
    expect(r.stdout).toBe(`${ID}\n`);
  });

  it('upload --wait reports review progress on stderr and the asset on stdout', async () => {
    const r = await run([
      'assets',
      'upload',
      '--type',
      'Image',
      '--url',
      'https://x.example/cat.png',
      '--wait',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Processing/);
    expect(r.stdout).toMatch(/status\s+Active/);
  });

  it('the key is redacted even if the service echoes it back in an error', async () => {
    const assets = fakeAssets({
      get: vi.fn(async () => {
        throw Object.assign(new Error(`bad token Bearer ${KEY}`), {
          name: 'KyyAuthenticationError',
          msg: KEY,
        });
      }),
    });
    for (const flags of [[], ['--json']]) {
      const r = await run(['assets', 'get', ID, ...flags], { assets });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(KEY);
      expect(r.stderr).toContain('[redacted]');
    }
  });

  it('never echoes a value typed after a misspelt key flag', async () => {
    const r = await run(['--apikey=sk-misspelt-flag-value', 'assets', 'get', ID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--apikey=\[redacted\]'/);
    expect(r.stderr).not.toContain('sk-misspelt-flag-value');
  });

  it('refuses a key given as a flag without ever printing it', async () => {
    const r = await run(['--api-key', 'sk-typed-on-the-command-line', 'assets', 'get', ID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/There is no --api-key flag/);
    expect(r.stderr).not.toContain('sk-typed-on-the-command-line');
  });
});

/**
 * The real client (its batch engine included) over a fetch that accepts every upload, naming
 * the assets `<prefix>0`, `<prefix>1`, … in the order they arrive.
 */
async function clientAnswering(prefix: string): Promise<AssetsApi> {
  const { createKyyClient } = await import('@kyyvideo/client');
  let n = 0;
  const fetch = async () =>
    new Response(JSON.stringify({ code: 0, msg: null, data: { assetId: `${prefix}${n++}` } }), {
      headers: { 'content-type': 'application/json' },
    });
  return createKyyClient({ apiKey: KEY, baseUrl: 'https://kyy.test/api', fetch }).assets;
}

describe('batch progress', () => {
  const manifest = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-batch-'));
    writeFileSync(
      join(dir, 'm.csv'),
      'type,url\nImage,https://x.example/a.png\nImage,https://x.example/b.png\n',
    );
    return dir;
  };

  it('draws a cli-progress bar on a terminal', async () => {
    const assets = await clientAnswering('asset-20260330142158-aaaa');
    const r = await run(['assets', 'batch', 'm.csv'], {
      tty: true,
      cwd: manifest(),
      assets,
      env: { NO_COLOR: '1' },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2\/2 \| 2 ok, 0 failed/);
    expect(r.stderr).toContain('\u2588'); // the bar's filled block
  });

  it('on a second Ctrl-C puts the cursor and line wrap back and says what was recorded', async () => {
    const cleanups: Array<() => void> = [];
    const assets = await clientAnswering('asset-20260330142158-cccc');
    const upload = assets.upload;
    // The shim's second Ctrl-C, arriving while the batch runs.
    assets.upload = async (input, options) => {
      for (const cleanup of cleanups) cleanup();
      return upload(input, options);
    };
    const r = await run(['assets', 'batch', 'm.csv'], {
      tty: true,
      cwd: manifest(),
      assets,
      env: { NO_COLOR: '1' },
      onSecondInterrupt: (cleanup) => cleanups.push(cleanup),
    });
    expect(cleanups).toHaveLength(1);
    const at = r.stderr.indexOf('Stopped. Every finished step is recorded in m.csv.results.jsonl');
    expect(at).toBeGreaterThan(-1);
    expect(r.stderr.slice(0, at)).toContain('\u001b[?25h\u001b[?7h');
  });

  it('prints one plain line per item without a terminal', async () => {
    const assets = await clientAnswering('asset-20260330142158-bbbb');
    const r = await run(['assets', 'batch', 'm.csv', '--concurrency', '1'], {
      cwd: manifest(),
      assets,
    });
    expect(r.stderr.trim().split('\n')).toEqual([
      '[1/2] line 2  uploaded  asset-20260330142158-bbbb0',
      '[2/2] line 3  uploaded  asset-20260330142158-bbbb1',
    ]);
  });

  it('counts the items earlier runs finished before those of this run', async () => {
    const dir = manifest();
    const first = await run(['assets', 'batch', 'm.csv'], {
      cwd: dir,
      assets: await clientAnswering('asset-20260330142158-dddd'),
    });
    expect(first.code).toBe(0);
    writeFileSync(
      join(dir, 'm.csv'),
      'type,url\nImage,https://x.example/a.png\nImage,https://x.example/b.png\nImage,https://x.example/c.png\n',
    );
    const r = await run(['assets', 'batch', 'm.csv'], {
      cwd: dir,
      assets: await clientAnswering('asset-20260330142158-eeee'),
    });
    expect(r.stderr.trim().split('\n')).toEqual([
      'Resuming from m.csv.results.jsonl: 2 done earlier, 1 to do.',
      '[3/3] line 4  uploaded  asset-20260330142158-eeee0',
    ]);
  });
});

describe('hints after kyy --mock', () => {
  it('keep --mock, so the pasted command goes to the mock, and give the timeout in seconds', async () => {
    const { KyyWaitTimeoutError } = await import('@kyyvideo/client');
    const assets = fakeAssets({
      waitUntilActive: vi.fn(async () => {
        throw new KyyWaitTimeoutError('not Active after 2000 ms (timeoutMs)', {
          operation: 'wait',
          assetId: ID,
          lastStatus: 'Processing',
        });
      }),
    });
    const r = await run(
      [
        '--mock',
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://x.example/a.png',
        '--wait',
        '--timeout',
        '2',
      ],
      { assets },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`was not Active after 2 s (last status: Processing)`);
    expect(r.stderr).toContain(`Keep waiting with: kyy --mock assets wait ${ID} --timeout 600`);
    expect(r.stderr).not.toMatch(/2000 ms|timeoutMs/);
  });

  it('say how to start the mock when nothing answers', async () => {
    const { KyyConnectionError } = await import('@kyyvideo/client');
    const assets = fakeAssets({
      get: vi.fn(async () => {
        throw new KyyConnectionError('Could not connect (ECONNREFUSED). Check baseUrl.', {
          operation: 'get',
          provablyNotSent: true,
        });
      }),
    });
    const r = await run(['--mock', 'assets', 'get', ID], { assets });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Start the mock in another terminal with `kyy mock`, then run kyy --mock … again/,
    );
    const plain = await run(['assets', 'get', ID], { assets });
    expect(plain.stderr).toContain('Check --base-url.');
    expect(plain.stderr).not.toContain('baseUrl');
  });
});
