import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv } from '../scripts/lib/env.mjs';
import { run, startService, stopAll } from '../scripts/lib/processes.mjs';

// The READMEs' install path until a release is on npm, followed exactly as a newcomer would:
// `pnpm pack:all`, then the printed `npm install` line with plain npm in a fresh directory outside
// the workspace (third-party dependencies come from the machine's registry), then a short
// TypeScript program compiled with strict tsc and run against the installed mock on a free port.

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
// The workspace's own TypeScript and Node types, so the consumer needs nothing pinned from the
// registry (which here serves only `latest`).
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NODE_TYPES = fileURLToPath(new URL('../node_modules/@types', import.meta.url));
/** Building the published packages (turbo) and packing them, on a busy two-core machine. */
const PACK_TIMEOUT_MS = 10 * 60_000;
/** Plain npm fetching the third-party dependencies (zod, msw, commander, …). */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 2 * 60_000;

const PROGRAM = `import { type Asset, createKyyClient, KyyNotFoundError } from '@kyyvideo/client';

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error('usage: node dist/main.js <mock base URL>');
const kyy = createKyyClient({ apiKey: 'tarball-test-key', baseUrl });

const { assetId, ref } = await kyy.assets.upload({
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  name: 'Cat Image',
});
const asset: Asset = await kyy.assets.waitUntilActive(assetId);
const deleted = await kyy.assets.delete(assetId);
let goneAfterDelete = false;
try {
  await kyy.assets.get(assetId);
} catch (error) {
  goneAfterDelete = error instanceof KyyNotFoundError;
}
console.log(JSON.stringify({ assetId, ref, status: asset.status, deleted, goneAfterDelete }));
`;

let work: string;
const env = childEnv(process.env);

beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'kyy-tarballs-')));
});
afterAll(async () => {
  await stopAll();
  if (work) await rm(work, { recursive: true, force: true });
});

it('pnpm pack:all, the printed npm install line, strict tsc, and a round trip against the mock', async () => {
  const packs = join(work, 'packs');
  const packed = await run('pnpm', ['pack:all', packs], {
    cwd: REPO_ROOT,
    env,
    timeoutMs: PACK_TIMEOUT_MS,
  });
  const line = /^ {2}(npm install \S+\.tgz(?: \S+\.tgz)*)$/m.exec(packed.stdout)?.[1];
  expect(line, packed.stdout).toBeDefined();
  const tarballs = (line ?? '').split(' ').slice(2);
  expect(tarballs.map((file) => relative(packs, file))).toEqual([
    'kyyvideo-contract-0.0.0.tgz',
    'kyyvideo-client-0.0.0.tgz',
    'kyyvideo-jobs-0.0.0.tgz',
    'kyyvideo-mock-0.0.0.tgz',
    'kyyvideo-cli-0.0.0.tgz',
  ]);

  const project = join(work, 'my-app');
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'my-app', private: true, type: 'module' }, null, 2)}\n`,
  );
  await run('npm', ['install', ...tarballs], {
    cwd: project,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  // Each package's dependency on another of ours was met by its tarball, not by a registry copy.
  const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string }>;
  };
  const ours = Object.entries(lock.packages).filter(([path]) => path.includes('@kyyvideo/'));
  expect(ours.map(([path]) => path).sort()).toEqual([
    'node_modules/@kyyvideo/cli',
    'node_modules/@kyyvideo/client',
    'node_modules/@kyyvideo/contract',
    'node_modules/@kyyvideo/mock',
  ]);
  for (const [, entry] of ours) expect(entry.resolved).toMatch(/^file:.*\.tgz$/);

  await writeFile(join(project, 'src', 'main.ts'), PROGRAM);
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        rootDir: 'src',
        outDir: 'dist',
        types: ['node'],
        typeRoots: [NODE_TYPES],
      },
      include: ['src'],
    }),
  );
  await run(process.execPath, [TSC, '-p', '.'], { cwd: project, env, timeoutMs: STEP_TIMEOUT_MS });

  const mock = await startService(
    process.execPath,
    [join(project, 'node_modules', '@kyyvideo', 'mock', 'bin', 'kyy-mock.js'), '--port', '0'],
    { cwd: project, env, timeoutMs: STEP_TIMEOUT_MS, ready: /listening on (http:\/\/\S+)/ },
  );
  const baseUrl = mock.match[1] ?? '';
  const result = await run(process.execPath, ['dist/main.js', baseUrl], {
    cwd: project,
    env,
    timeoutMs: STEP_TIMEOUT_MS,
  });
  const outcome = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
  expect(outcome).toEqual({
    assetId: expect.stringMatching(/^asset-\d{14}-[a-z0-9]{5}$/),
    ref: `asset://${String(outcome.assetId)}`,
    status: 'Active',
    deleted: { assetId: outcome.assetId, alreadyGone: false },
    goneAfterDelete: true,
  });
  expect(mock.output()).toMatch(/DELETE \S+\/kyyVideo2\/asset\/asset-\S+ → 200/);

  // The installed `kyy` command starts too.
  const help = await run(join(project, 'node_modules', '.bin', 'kyy'), ['--help'], {
    cwd: project,
    env,
    timeoutMs: STEP_TIMEOUT_MS,
  });
  expect(help.stdout).toContain('kyy');
  await mock.stop();
});
