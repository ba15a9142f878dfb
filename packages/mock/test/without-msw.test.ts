import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The built entries, run in a Node where msw cannot be found (msw is an optional peer).
const PRELOAD = fileURLToPath(new URL('./fixtures/without-msw.mjs', import.meta.url));
const DIST = new URL('../dist/', import.meta.url).href;

async function runWithoutMsw(script: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', PRELOAD, '--input-type=module', '-e', script],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('without msw installed', () => {
  it.each(['node', 'browser'])('importing /%s fails saying what to install', async (entry) => {
    const r = await runWithoutMsw(`await import('${DIST}${entry}.js');`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `@kyyvideo/mock/${entry} needs msw, an optional peer dependency of @kyyvideo/mock that is not installed`,
    );
    expect(r.stderr).toContain('npm install --save-dev msw');
  });

  it('the main entry loads, and only reading the msw handlers asks for msw', async () => {
    const r = await runWithoutMsw(`
      const { createMock, SAMPLE_MEDIA } = await import('${DIST}index.js');
      const mock = createMock();
      console.log(typeof SAMPLE_MEDIA.video, typeof mock.store.get);
      try { mock.handlers; console.log('handlers without msw'); } catch (e) { console.log(e.name, e.message); }
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('string function');
    expect(r.stdout).toContain('MswMissingError');
    expect(r.stdout).toContain('npm install --save-dev msw');
  });

  it('the standalone server starts and answers', async () => {
    const r = await runWithoutMsw(`
      const { startMockServer } = await import('${DIST}server/index.js');
      const server = await startMockServer({ port: 0, apiKey: 'k' });
      const res = await fetch(server.url + '/kyyVideo2/asset/asset-20260330142158-q75m8', { headers: { authorization: 'Bearer k' } });
      console.log(res.status, (await res.json()).code);
      await server.close();
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('200 -1');
  });
});
