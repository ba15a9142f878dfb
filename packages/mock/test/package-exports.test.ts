import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Resolves the package by its own name from a real Node process, as a consumer would, so the
// exports map (and its node/browser conditions) is what is tested, not vitest's resolver.

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

async function probe(
  specifier: string,
): Promise<{ ok: true; exports: string[] } | { ok: false; code: string }> {
  const script = `import(${JSON.stringify(specifier)}).then(
    (m) => console.log(JSON.stringify({ ok: true, exports: Object.keys(m).sort() })),
    (e) => console.log(JSON.stringify({ ok: false, code: e.code })));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageDir,
  });
  return JSON.parse(stdout);
}

describe('package exports (from Node)', () => {
  it('exposes the environment-neutral API at the root', async () => {
    const root = await probe('@kyyvideo/mock');
    expect(root).toMatchObject({ ok: true });
    expect(root.ok && root.exports).toEqual(
      expect.arrayContaining([
        'createMock',
        'createVirtualClock',
        'SCENARIOS',
        'SCENARIO_HEADER',
        'MOCK_CODES',
      ]),
    );
  });

  it('exposes setupMockServer at /node and startMockServer at /server', async () => {
    const node = await probe('@kyyvideo/mock/node');
    expect(node.ok && node.exports).toEqual(
      expect.arrayContaining(['setupMockServer', 'createMock']),
    );
    const server = await probe('@kyyvideo/mock/server');
    expect(server.ok && server.exports).toEqual(expect.arrayContaining(['startMockServer']));
  });

  it('refuses /browser in Node at resolution time, not at run time', async () => {
    expect(await probe('@kyyvideo/mock/browser')).toEqual({
      ok: false,
      code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('ships the worker script exactly as the installed msw generates it (not stale, not edited)', async () => {
    const require = createRequire(import.meta.url);
    const shipped = await readFile(
      new URL('../worker/mockServiceWorker.js', import.meta.url),
      'utf8',
    );
    const generated = await readFile(require.resolve('msw/mockServiceWorker.js'), 'utf8');
    expect(shipped, 'run `pnpm --filter @kyyvideo/mock generate` to regenerate it').toBe(generated);
  });
});
