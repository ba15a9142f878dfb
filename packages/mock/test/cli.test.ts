import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ASSET_ID_PATTERN, GetAssetResponse, UploadAssetResponse } from '@kyyvideo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cli, runCli, startCli } from './cli-process.js';

// These tests run the published bin exactly as a user would: a separate Node process on a free
// port, talked to over real HTTP (with the real curl when the machine has it).

const run = promisify(execFile);

const hasCurl = await run('curl', ['--version']).then(
  () => true,
  () => false,
);

/** The documentation's upload example, pointed at `base`. */
async function docsUpload(base: string, key: string): Promise<unknown> {
  const body = '{"assetType": "Image","url": "https://example.com/cat.jpg","name": "Cat Image"}';
  if (hasCurl) {
    const { stdout } = await run('curl', [
      '--silent',
      '--show-error',
      '--request',
      'POST',
      '--url',
      `${base}/kyyVideo2/asset/upload`,
      '--header',
      `Authorization: Bearer ${key}`,
      '--header',
      'Content-Type: application/json',
      '--data',
      body,
    ]);
    return JSON.parse(stdout);
  }
  const res = await fetch(`${base}/kyyVideo2/asset/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body,
  });
  return res.json();
}

/** The "try  curl …" line the bin prints once it is listening. */
function printedCurl(cli: Cli): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      const line = /kyy-mock: try {2}(curl [^\n]+)/.exec(cli.output());
      if (line?.[1] && cli.output().includes('press Ctrl+C')) {
        cli.child.stdout?.off('data', check);
        resolve(line[1]);
      }
    };
    cli.child.stdout?.on('data', check);
    check();
  });
}

/** Runs a printed command line the way a user pasting it into a POSIX shell would. */
async function paste(command: string, env: NodeJS.ProcessEnv = {}): Promise<unknown> {
  const { stdout } = await run('sh', ['-c', `${command} --silent --show-error`], {
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout);
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/server/cli.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `pnpm --filter @kyyvideo/mock build` first.');
  }
  dir = await mkdtemp(join(tmpdir(), 'kyy-mock-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kyy-mock (real process)', () => {
  it('answers the docs curl example, keeps state across a restart, and exits 0 on SIGTERM/SIGINT', async () => {
    const key = 'sk-cli-test-0123456789';
    const stateFile = join(dir, 'state.json');
    const first = await startCli(['--port', '0', '--state', stateFile], { KYY_MOCK_API_KEY: key });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kyyReactApiServer$/);
    expect(first.url).not.toContain(':0/');

    const uploaded = UploadAssetResponse.parse(await docsUpload(first.url, key));
    expect(uploaded).toEqual({
      code: 0,
      msg: null,
      data: { assetId: expect.stringMatching(ASSET_ID_PATTERN) },
    });
    const rejected = (await docsUpload(first.url, 'not-the-key')) as { code: number; msg: string };
    expect(rejected.code).toBe(401);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).not.toContain(key);
    expect(await readFile(stateFile, 'utf8')).toContain(uploaded.data.assetId);

    const second = await startCli(['--port', '0', '--state', stateFile], { KYY_MOCK_API_KEY: key });
    const res = await fetch(`${second.url}/kyyVideo2/asset/${uploaded.data.assetId}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    const detail = GetAssetResponse.parse(await res.json());
    expect(detail.data).toMatchObject({
      assetId: uploaded.data.assetId,
      name: 'Cat Image',
      assetType: 'Image',
    });
    expect(await second.stop('SIGINT')).toBe(0);
    expect(second.output()).not.toContain(key);
  });

  it('prints a curl line that works as pasted, without ever showing a configured key', async () => {
    const key = 'sk-cli-curl-hint-0123456789';
    const open = await startCli(['--port', '0'], { KYY_MOCK_API_KEY: '' });
    const openCurl = await printedCurl(open);
    expect(openCurl).toContain('Bearer any-key');
    const keyed = await startCli(['--port', '0'], { KYY_MOCK_API_KEY: key });
    const keyedCurl = await printedCurl(keyed);
    expect(keyedCurl).toContain('Bearer $KYY_MOCK_API_KEY');
    expect(keyedCurl).not.toContain('any-key');
    expect(keyed.output()).toMatch(/set it to the key this mock was started with/);
    if (hasCurl) {
      UploadAssetResponse.parse(await paste(openCurl));
      UploadAssetResponse.parse(await paste(keyedCurl, { KYY_MOCK_API_KEY: key }));
    }
    expect(await open.stop()).toBe(0);
    expect(await keyed.stop()).toBe(0);
    expect(keyed.output()).not.toContain(key);
  });

  it('refuses to start on a port in use, saying what to do', async () => {
    const first = await startCli(['--port', '0', '--quiet']);
    const port = new URL(first.url).port;
    const second = await runCli(['--port', port]);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/already in use.*--port <n> or set KYY_MOCK_PORT/s);
    expect(second.output).not.toMatch(/EADDRINUSE|\n\s+at /);
    // The port can come from the environment too, with the same one-line answer.
    const fromEnv = await runCli([], { KYY_MOCK_PORT: port });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(await first.stop()).toBe(0);
  });

  it('names the state path and what to do when it is a directory, or cannot be saved at shutdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyy-mock-state-'));
    try {
      const asDirectory = await runCli(['--port', '0', '--state', dir]);
      expect(asDirectory.code).toBe(1);
      expect(asDirectory.output).toContain(`State path ${dir} is a directory`);
      expect(asDirectory.output).toContain(join(dir, 'state.json'));

      const sub = join(dir, 'sub');
      const file = join(sub, 'state.json');
      const cli = await startCli(['--port', '0', '--quiet', '--state', file]);
      await rm(sub, { recursive: true }); // the folder goes away while the mock runs
      expect(await cli.stop()).toBe(1);
      expect(cli.output()).toContain(`could not save the state to ${file} at shutdown`);
      expect(existsSync(`${file}.tmp`)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('rejects bad arguments with exit code 2 and the usage', async () => {
    const cases = [
      ['--port', 'abc'],
      ['--latency', '-5'],
      ['--nope'],
      ['--port', '70000'],
      ['--api-key', 'sk-never-as-a-flag'],
      ['--review-delay', 'soon'],
      ['--headers-timeout', '0'],
      ['--task-queued', 'later'],
      ['--reference-video-rule', 'strict'],
    ];
    const results = await Promise.all(cases.map((args) => runCli(args)));
    for (const [i, result] of results.entries()) {
      expect(result.code, cases[i]?.join(' ')).toBe(2);
      expect(result.output).toContain('kyy-mock:');
    }
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toContain('--state <file>');
    expect(help.output).toMatch(/--headers-timeout <ms>.*\(default: 10000\)/s);
    expect(help.output).toMatch(/--task-queued <ms>.*\(default: 1000\)/s);
    expect(help.output).toMatch(/--task-processing <ms>.*\(default: 3000\)/s);
    expect(help.output).toMatch(/--reference-video-rule <rule>.*\(default: kyyvideo2Page\)/s);
    expect(results[8]?.output).toContain(
      '--reference-video-rule must be kyyvideo2Page or seedanceMirror',
    );
    expect(results[4]?.output).toContain('There is no --api-key flag');
    expect(results[4]?.output).not.toContain('sk-never-as-a-flag');
  });

  it('-V prints the version, as kyy -V does', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['-V', '--version']) {
      const result = await runCli([flag]);
      expect(result.code, flag).toBe(0);
      expect(result.output.trim(), flag).toBe(pkg.version);
    }
  });
});
