import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_ID_PATTERN, Asset, VIDEO_MODELS } from '@kyyvideo/contract';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyy, transcript } from './kyy-process.js';

/** Distinctive, so finding it anywhere in any output is proof of a leak. */
const KEY = 'sk-kyy-cli-test-3b7Yq9Zr4Lw2';

let fast: RunningMockServer;
let env: Record<string, string>;

beforeAll(async () => {
  // Reviews end at once, except for "face" URLs, which take a minute (for the wait timeout).
  fast = await startMockServer({
    port: 0,
    apiKey: KEY,
    reviewDelayMs: 0,
    faceReviewDelayMs: 60_000,
  });
  env = { KYY_BASE_URL: fast.url, KYY_API_KEY: KEY };
});
afterAll(() => fast?.close());

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const requestCount = () => fast.mock.requests().length;

async function uploadId(url: string): Promise<string> {
  const r = await kyy(['assets', 'upload', '--type', 'Image', '--url', url, '--quiet'], { env });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const r = await kyy(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    for (const args of [
      ['--json', '--version'],
      ['-V', '--json'],
    ]) {
      const j = await kyy(args);
      expect(j.code, args.join(' ')).toBe(0);
      expect(json(j.stdout), args.join(' ')).toEqual({ version: pkg.version });
    }
  });

  it('every command has --help with examples and the exit-code table', async () => {
    for (const path of [
      [],
      ['assets'],
      ['assets', 'upload'],
      ['assets', 'get'],
      ['assets', 'wait'],
      ['assets', 'delete'],
      ['assets', 'batch'],
      ['mock'],
    ]) {
      const r = await kyy([...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, path.join(' ')).toMatch(/Examples:\n {2}\$ kyy /);
      expect(r.stdout, path.join(' ')).toMatch(/3 +review failed/);
      expect(r.stdout, path.join(' ')).toMatch(/4 +wait timed out/);
    }
  });

  it('the video commands name every model the contract accepts, both families', async () => {
    for (const path of [['generate'], ['videos', 'create']]) {
      const r = await kyy([...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      for (const model of VIDEO_MODELS) {
        expect(r.stdout, `${path.join(' ')}: ${model}`).toMatch(new RegExp(`\\b${model}\\b`));
      }
    }
  });
});

describe('a reader that stops early (`kyy … | head -1`)', () => {
  // Closing the read end before kyy has started guarantees its first write fails with EPIPE.
  const closeStdout = { onSpawn: (child: ChildProcess) => child.stdout?.destroy() };

  it('--help ends quietly with exit 0, not an EPIPE stack', async () => {
    const r = await kyy(['--help'], closeStdout);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('a command finishes its work and exits with its own code', async () => {
    const id = await uploadId('https://example.com/pipe.png');
    const r = await kyy(['--json', 'assets', 'get', id], { env, ...closeStdout });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const deleted = await kyy(['assets', 'delete', id, '--yes', '--quiet'], {
      env,
      ...closeStdout,
    });
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(fast.mock.store.has(id)).toBe(false);
  });

  it('a closed stderr does not turn a usage error (2) into a crash (1)', async () => {
    const r = await kyy(['assets', 'get', 'asset-123'], {
      onSpawn: (child) => child.stderr?.destroy(),
    });
    expect(r.code).toBe(2);
  });
});

describe('assets upload / get / wait / delete', () => {
  it('upload --json prints {assetId, ref} and the asset exists', async () => {
    const r = await kyy(
      [
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://example.com/cat.png',
        '--name',
        'cat',
        '--json',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(['assetId', 'ref']);
    expect(doc.assetId).toMatch(ASSET_ID_PATTERN);
    expect(doc.ref).toBe(`asset://${doc.assetId}`);
    expect(fast.mock.store.get(doc.assetId as string)).toMatchObject({
      assetType: 'Image',
      name: 'cat',
    });
  });

  it('upload prints a short human summary, and just the id with --quiet', async () => {
    const human = await kyy(
      ['assets', 'upload', '--type', 'Audio', '--url', 'https://example.com/a.mp3'],
      { env },
    );
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(
      /^Uploaded asset-\d{14}-[a-z0-9]{5} \(Audio, review pending\)\nref asset:\/\//,
    );
    const id = await uploadId('https://example.com/b.png');
    expect(id).toMatch(ASSET_ID_PATTERN);
  });

  it('upload --wait --json includes the Active asset', async () => {
    const r = await kyy(
      [
        'assets',
        'upload',
        '--type',
        'Video',
        '--url',
        'https://example.com/v.mp4',
        '--wait',
        '--json',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(Asset.parse(doc.asset)).toMatchObject({
      status: 'Active',
      assetType: 'Video',
      assetId: doc.assetId,
    });
  });

  it('get --json prints the asset (as the contract defines it) plus its ref', async () => {
    const id = await uploadId('https://example.com/get.png');
    const r = await kyy(['assets', 'get', `asset://${id}`, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const { ref, ...rest } = json(r.stdout);
    expect(ref).toBe(`asset://${id}`);
    expect(Asset.strict().parse(rest)).toMatchObject({
      assetId: id,
      status: 'Active',
      url: 'https://example.com/get.png',
    });
  });

  it('get shows aligned fields for a human', async () => {
    const id = await uploadId('https://example.com/human.png');
    const r = await kyy(['assets', 'get', id], { env });
    expect(r.stdout).toMatch(new RegExp(`^id {6}${id}\\nstatus {2}Active\\ntype {4}Image\\n`));
  });

  it('wait --json returns the Active asset', async () => {
    const id = await uploadId('https://example.com/wait.png');
    const r = await kyy(['assets', 'wait', id, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ assetId: id, status: 'Active', ref: `asset://${id}` });
  });

  it('exits 3 when the review fails, reporting the asset id as JSON on stderr', async () => {
    const r = await kyy(
      [
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://example.com/reject.png',
        '--wait',
        '--json',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    const { error } = json(r.stderr) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ type: 'KyyAssetFailedError', exitCode: 3 });
    expect(error.assetId).toMatch(ASSET_ID_PATTERN);
    expect(fast.mock.store.get(error.assetId as string)?.status).toBe('Failed');
  });

  it('exits 4 when --timeout runs out while the asset is still Processing', async () => {
    const id = await uploadId('https://example.com/face.png');
    const r = await kyy(['assets', 'wait', id, '--timeout', '1', '--json'], { env });
    expect(r.code, r.stderr).toBe(4);
    const { error } = json(r.stderr) as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      type: 'KyyWaitTimeoutError',
      exitCode: 4,
      assetId: id,
      // A script sees only this document, so the next step is in it, in kyy's terms.
      hint: `Keep waiting with: kyy assets wait ${id} --timeout 600`,
    });
    expect(error.message).toMatch(/larger --timeout/);
    expect(error.message).not.toContain('timeoutMs');
    const human = await kyy(['assets', 'wait', id, '--timeout', '0.5'], { env });
    expect(human.code, human.stderr).toBe(4);
    expect(human.stderr).toMatch(/^error: .*was not Active after/m);
    expect(human.stderr).toContain(`Keep waiting with: kyy assets wait ${id} --timeout 600`);
  });

  it('delete --yes deletes; the id is then not found (exit 1)', async () => {
    const id = await uploadId('https://example.com/del.png');
    const r = await kyy(['assets', 'delete', id, '--yes', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ assetId: id, deleted: true, alreadyGone: false });
    expect(fast.mock.store.has(id)).toBe(false);
    const again = await kyy(['assets', 'get', id, '--json'], { env });
    expect(again.code, again.stderr).toBe(1);
    expect(json(again.stderr)).toMatchObject({ error: { type: 'KyyNotFoundError', code: -1 } });
  });

  it('delete without a terminal and without --yes refuses (exit 2) and sends nothing', async () => {
    const id = await uploadId('https://example.com/keep.png');
    const before = requestCount();
    const r = await kyy(['assets', 'delete', id], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Refusing to delete .*there is no terminal.*pass --yes/);
    expect(requestCount()).toBe(before);
    expect(fast.mock.store.has(id)).toBe(true);
  });
});

describe('the service or the network says no (exit 1)', () => {
  it('an unreachable asset URL (code 1001)', async () => {
    const r = await kyy(
      ['assets', 'upload', '--type', 'Image', '--url', 'https://nowhere.invalid/a.png', '--json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(json(r.stderr)).toMatchObject({
      error: { type: 'KyyUrlUnreachableError', code: 1001, exitCode: 1 },
    });
  });

  it('a wrong key, without printing either key', async () => {
    const wrong = 'sk-wrong-key-Q1w2E3r4T5';
    const r = await kyy(['assets', 'get', 'asset-20260330142158-q75m8'], {
      env: { ...env, KYY_API_KEY: wrong },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('nothing listening at the base URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const r = await kyy(['assets', 'get', 'asset-20260330142158-q75m8', '--json'], {
      env: { ...env, KYY_BASE_URL: `http://127.0.0.1:${port}/kyyReactApiServer` },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(json(r.stderr)).toMatchObject({ error: { type: 'KyyConnectionError' } });
  });
});

describe('hints that work when pasted', () => {
  /** The words of a `kyy …` hint line, as a POSIX shell would split these (no quoting needed). */
  const hintArgs = (stderr: string, lead: string) => {
    const line = stderr.split('\n').find((l) => l.includes(lead)) ?? '';
    const command = line.slice(line.indexOf(lead) + lead.length).trim();
    expect(command).toMatch(/^kyy /);
    return command.split(' ').slice(1);
  };

  it('repeat --base-url and --api-key-file (never the key), and say the timeout as typed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-hint-'));
    writeFileSync(join(dir, 'key.txt'), `${KEY}\n`);
    const target = ['--base-url', fast.url, '--api-key-file', 'key.txt'];
    const timedOut = await kyy(
      [...target, 'assets', 'upload', '--type', 'Image', '--url', 'https://example.com/face-h.png'],
      { cwd: dir },
    );
    expect(timedOut.code, timedOut.stderr).toBe(0);
    const id = timedOut.stdout.match(/asset-\d{14}-[a-z0-9]{5}/)?.[0] as string;
    const waited = await kyy([...target, 'assets', 'wait', id, '--timeout', '1'], { cwd: dir });
    expect(waited.code, waited.stderr).toBe(4);
    expect(waited.stderr).toMatch(/was not Active after 1 s /);
    expect(waited.stderr).toContain(
      `Keep waiting with: kyy --base-url ${fast.url} --api-key-file key.txt assets wait ${id} --timeout 600`,
    );

    // A failed review suggests deleting the asset; pasted as printed (no KYY_* in the
    // environment), it reaches the same service and works.
    const failed = await kyy(
      [
        ...target,
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://example.com/reject-h.png',
        '--wait',
      ],
      { cwd: dir },
    );
    expect(failed.code, failed.stderr).toBe(3);
    const pasted = hintArgs(failed.stderr, 'remove it with:');
    expect(pasted).toEqual([
      ...target,
      'assets',
      'delete',
      expect.stringMatching(ASSET_ID_PATTERN),
      '--yes',
    ]);
    const rejectedId = pasted.at(-2) as string;
    expect(fast.mock.store.has(rejectedId)).toBe(true);
    const deleted = await kyy(pasted, { cwd: dir });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(fast.mock.store.has(rejectedId)).toBe(false);
  });

  it("say a missing asset once, in kyy's words", async () => {
    const r = await kyy(['assets', 'get', 'asset-20260330142158-zzzzz'], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe(
      'error: No asset "asset-20260330142158-zzzzz" exists: it was never created or has been deleted.\n',
    );
  });
});

describe('bad input: a message saying what to fix, exit 2, nothing sent', () => {
  const cases: [string, string[], RegExp, Record<string, string | undefined>?][] = [
    [
      'unknown type',
      ['assets', 'upload', '--type', 'photo', '--url', 'https://e.com/a.png'],
      /--type: Use one of Image, Video, Audio, Document \(exact case\)\. \(got "photo"\)/,
    ],
    ['missing --url', ['assets', 'upload', '--type', 'Image'], /--url is required/],
    [
      'relative URL',
      ['assets', 'upload', '--type', 'Image', '--url', 'cat.png'],
      /--url: Give an absolute URL with scheme and host/,
    ],
    [
      '--timeout without --wait',
      ['assets', 'upload', '--type', 'Image', '--url', 'https://e.com/a.png', '--timeout', '5'],
      /--timeout only applies with --wait/,
    ],
    [
      'bad asset id',
      ['assets', 'get', 'asset-123'],
      /<assetId>: This is not an asset id: expected .*asset-20260330142158-q75m8/,
    ],
    [
      'bad timeout',
      ['assets', 'wait', 'asset-20260330142158-q75m8', '--timeout', '5m'],
      /--timeout must be a positive number of seconds/,
    ],
    [
      'bad concurrency',
      ['assets', 'batch', 'x.csv', '--concurrency', '0'],
      /--concurrency must be a whole number from 1 to 16/,
    ],
    [
      'missing manifest file',
      ['assets', 'batch', 'does-not-exist.csv'],
      /Cannot read the manifest "does-not-exist.csv" \(ENOENT\)/,
    ],
    [
      'unknown option',
      ['assets', 'get', 'asset-20260330142158-q75m8', '--colour'],
      /unknown option '--colour'/,
    ],
    ['unknown command', ['assets', 'list'], /unknown command 'list'/],
    [
      'unknown top-level command, with a suggestion',
      ['assest'],
      /unknown command 'assest'\n\(Did you mean assets\?\)\nRun with --help for usage/,
    ],
    [
      '--mock with --base-url',
      [
        '--mock',
        '--base-url',
        'http://127.0.0.1:1/x',
        'assets',
        'get',
        'asset-20260330142158-q75m8',
      ],
      /either --mock or --base-url/,
    ],
    [
      'bad base URL',
      ['--base-url', 'localhost:4010', 'assets', 'get', 'asset-20260330142158-q75m8'],
      /--base-url must/,
    ],
    [
      'no key',
      ['assets', 'get', 'asset-20260330142158-q75m8'],
      /No API key: set KYY_API_KEY, or pass --api-key-file/,
      { KYY_API_KEY: undefined },
    ],
    [
      'a video flag out of range, reported before the missing key',
      ['generate', 'a cat in the rain', '--duration', '99'],
      /--duration: Give 4 to 15 seconds/,
      { KYY_API_KEY: undefined },
    ],
    [
      'missing key file',
      ['--api-key-file', 'nope.txt', 'assets', 'get', 'asset-20260330142158-q75m8'],
      /--api-key-file "nope.txt" cannot be read/,
    ],
    [
      'key as a flag',
      ['--api-key', KEY, 'assets', 'get', 'asset-20260330142158-q75m8'],
      /There is no --api-key flag/,
      { KYY_API_KEY: undefined },
    ],
    [
      'key as a flag with =',
      [`--api-key=${KEY}`, 'assets', 'get', 'asset-20260330142158-q75m8'],
      /There is no --api-key flag/,
      { KYY_API_KEY: undefined },
    ],
  ];

  for (const [name, args, message, extraEnv] of cases) {
    it(name, async () => {
      const before = requestCount();
      const r = await kyy(args, { env: { ...env, ...extraEnv } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(requestCount()).toBe(before);
    });
  }

  it('reports usage errors as JSON on stderr with --json', async () => {
    const r = await kyy(
      ['assets', 'upload', '--type', 'photo', '--url', 'https://e.com/a.png', '--json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(json(r.stderr)).toEqual({
      error: {
        type: 'UsageError',
        exitCode: 2,
        message: expect.stringMatching(/--type: Use one of/),
      },
    });
  });
});

describe('the key', () => {
  it('can come from --api-key-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-keyfile-'));
    writeFileSync(join(dir, 'key.txt'), `${KEY}\n`);
    const r = await kyy(
      [
        '--api-key-file',
        'key.txt',
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://example.com/k.png',
        '--json',
      ],
      {
        env: { KYY_BASE_URL: fast.url },
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).assetId).toMatch(ASSET_ID_PATTERN);
  });

  it('from --api-key-file is never echoed, even by an error before the key is needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-keyfile-'));
    writeFileSync(join(dir, 'key.txt'), `${KEY}\n`);
    const cases = [
      ['assets', 'get', KEY], // the key pasted where the id belongs: `got "…"`
      ['assets', 'get', KEY, '--json'],
      [KEY], // commander's "unknown command '…'"
    ];
    for (const args of cases) {
      const r = await kyy(['--api-key-file', 'key.txt', ...args], {
        env: { KYY_BASE_URL: fast.url },
        cwd: dir,
      });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('[redacted]');
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(KEY);
    }
  });

  it('from --api-key-file is not echoed in its JSON-escaped form either', async () => {
    const odd = 'sk-"quoted"\\key-Rt5Yu7';
    const dir = mkdtempSync(join(tmpdir(), 'kyy-keyfile-'));
    writeFileSync(join(dir, 'key.txt'), odd);
    for (const flags of [[], ['--json']]) {
      const r = await kyy([`--api-key-file=key.txt`, 'assets', 'get', odd, ...flags], {
        env: { KYY_BASE_URL: fast.url },
        cwd: dir,
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('[redacted]');
      expect(r.stdout + r.stderr).not.toMatch(/quoted|Rt5Yu7/);
    }
  });

  it('never appeared in stdout or stderr of any command above', () => {
    expect(transcript.length).toBeGreaterThan(40);
    for (const text of transcript) expect(text).not.toContain(KEY);
  });
});
