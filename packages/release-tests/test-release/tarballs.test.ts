import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv } from '../scripts/lib/env.mjs';
import { run, startService, stopAll } from '../scripts/lib/processes.mjs';

// The READMEs' install path until a release is on npm, followed exactly as a newcomer would:
// `pnpm pack:all`, then `npm init -y` and the client README's own setup commands in a fresh
// directory outside the workspace, the printed `npm install` line with plain npm (third-party
// dependencies come from the machine's registry), then the README's quick start copied as it is
// and a short TypeScript program compiled with strict tsc, both run against the installed mock.

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLIENT_README = join(REPO_ROOT, 'packages', 'client', 'README.md');
// The workspace's own TypeScript and Node types, so the consumer needs nothing pinned from the
// registry (which here serves only `latest`).
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NODE_TYPES = fileURLToPath(new URL('../node_modules/@types', import.meta.url));
/** Building the published packages (turbo) and packing them, on a busy two-core machine. */
const PACK_TIMEOUT_MS = 10 * 60_000;
/** Plain npm fetching the third-party dependencies (zod, commander, …). */
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

/** The fenced blocks of one language in a markdown text, in order. */
function fencedBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    (match) => match[1] ?? '',
  );
}

/** The README's commands that set up a project, as argv lists (comments dropped). */
function projectSetupCommands(readme: string): string[][] {
  const block = fencedBlocks(readme, 'sh').find((text) => /^npm pkg set /m.test(text));
  if (!block) throw new Error('the client README says nothing about making the project a module');
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/));
}

/** The README's first example after "## Quick start", exactly as a reader copies it. */
function quickStart(readme: string): string {
  const section = readme.slice(readme.indexOf('\n## Quick start\n'));
  const [example] = fencedBlocks(section, 'ts');
  if (!example) throw new Error('the client README has no quick start example');
  return example;
}

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

  // A newcomer's project: `npm init -y`, then what the client README says to run in it.
  const project = join(work, 'my-app');
  await mkdir(join(project, 'src'), { recursive: true });
  await run('npm', ['init', '-y'], { cwd: project, env, timeoutMs: STEP_TIMEOUT_MS });
  const readme = await readFile(CLIENT_README, 'utf8');
  for (const [command = '', ...args] of projectSetupCommands(readme))
    await run(command, args, { cwd: project, env, timeoutMs: STEP_TIMEOUT_MS });
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
    'node_modules/@kyyvideo/jobs',
    'node_modules/@kyyvideo/mock',
  ]);
  for (const [, entry] of ours) expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
  // msw is an optional peer of the mock, needed only by /node and /browser: the CLI does not
  // pull it in (kyy mock runs the node:http server).
  expect(
    Object.keys(lock.packages).filter((path) => /(^|\/)node_modules\/msw$/.test(path)),
  ).toEqual([]);
  expect(existsSync(join(project, 'node_modules', 'msw'))).toBe(false);
  // …and the entries that do need it say what to install.
  await expect(
    run(process.execPath, ['--input-type=module', '-e', "await import('@kyyvideo/mock/node')"], {
      cwd: project,
      env,
      timeoutMs: STEP_TIMEOUT_MS,
    }),
  ).rejects.toThrow(/needs msw[\s\S]*npm install --save-dev msw/);

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

  // The installed `kyy mock`, in a project without msw, serves the round trip below.
  const mock = await startService(
    join(project, 'node_modules', '.bin', 'kyy'),
    ['mock', '--port', '0'],
    { cwd: project, env, timeoutMs: STEP_TIMEOUT_MS, ready: /(http:\/\/[^\s'"]+)/ },
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

  // The README's quick start, pasted into a file of the project, with the two variables it names.
  await writeFile(join(project, 'quick-start.js'), quickStart(readme));
  const quick = await run(process.execPath, ['quick-start.js'], {
    cwd: project,
    env: { ...env, KYY_API_KEY: 'any-key-works-on-the-mock', KYY_BASE_URL: baseUrl },
    timeoutMs: STEP_TIMEOUT_MS,
  });
  expect(quick.stdout).toMatch(/^asset-\d{14}-[a-z0-9]{5} Active\nasset:\/\/asset-\S+\n$/);

  // The installed `kyy` command starts too.
  const help = await run(join(project, 'node_modules', '.bin', 'kyy'), ['--help'], {
    cwd: project,
    env,
    timeoutMs: STEP_TIMEOUT_MS,
  });
  expect(help.stdout).toContain('kyy');
  await mock.stop();
});
