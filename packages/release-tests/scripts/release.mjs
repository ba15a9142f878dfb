#!/usr/bin/env node
// `pnpm test:release`: proves a release works end to end, the way a user meets it. The pending
// changesets version a temporary copy of the repository, `pnpm release` publishes it to a local
// Verdaccio, and a fresh npm project outside the workspace installs @kyyvideo/client and
// @kyyvideo/cli from there and uses them against `kyy mock`. See ../README.md.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  namedReleases,
  readPendingChangesets,
  TEST_CHANGESET_FILE,
  writeTestChangeset,
} from './lib/changesets.mjs';
import {
  changelogProblems,
  findAssetId,
  lastJson,
  manifestProblems,
  versionProblems,
} from './lib/checks.mjs';
import { createCleanup } from './lib/cleanup.mjs';
import { childEnv } from './lib/env.mjs';
import { freePort, isLoopbackUrl } from './lib/network.mjs';
import { run, startService, stopAll } from './lib/processes.mjs';
import { runSteps, summaryLine } from './lib/steps.mjs';
import {
  DUMMY_AUTH_TOKEN,
  ensureVerdaccio,
  startVerdaccio,
  VERDACCIO_VERSION,
} from './lib/verdaccio.mjs';
import { copyWorkspace, listPackages } from './lib/workspace.mjs';

// Timings: each is a ceiling for one step on a 2-core CI machine, far above a normal run, so a
// hang fails with a clear message long before CI's own limit.
/** `pnpm install` in the copy links from the store that CI's own install just filled (~20 s). */
const WORKSPACE_INSTALL_TIMEOUT_MS = 5 * 60_000;
/** `changeset version` plus the lockfile refresh of `version-packages`. */
const VERSION_TIMEOUT_MS = 3 * 60_000;
/** `pnpm release`: generate, build every package (the playground too), publint/attw, publish. */
const RELEASE_TIMEOUT_MS = 15 * 60_000;
/** Plain npm installing the published packages plus their registry dependencies. */
const CONSUMER_INSTALL_TIMEOUT_MS = 5 * 60_000;
/** npx resolving the local bin and the mock server binding its port. */
const MOCK_START_TIMEOUT_MS = 60_000;
/** One CLI command or import against the local mock. */
const COMMAND_TIMEOUT_MS = 60_000;
/** Upload, the mock's default review delay (2 s), the client's polling, delete. */
const ROUNDTRIP_TIMEOUT_MS = 2 * 60_000;
/** Querying the local registry. */
const REGISTRY_QUERY_TIMEOUT_MS = 10_000;

const SCOPE = '@kyyvideo';
/** A made-up key for the mock: the real KYY_API_KEY never reaches this test's processes. */
const TEST_API_KEY = 'kyy-release-test-key-not-a-secret';
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');

const options = {
  cacheDir: process.env.KYY_RELEASE_CACHE_DIR
    ? resolve(process.env.KYY_RELEASE_CACHE_DIR)
    : join(REPO_ROOT, 'node_modules', '.cache', 'kyy-release'),
  verbose: process.env.KYY_RELEASE_VERBOSE === '1',
  keep: process.env.KYY_RELEASE_KEEP === '1',
  // Development aid: release only these packages and skip the steps needing the others.
  only: (process.env.KYY_RELEASE_PACKAGES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
};

const write = (/** @type {string} */ line) => console.log(line);
const echo = options.verbose
  ? (/** @type {string} */ chunk) => process.stdout.write(chunk)
  : undefined;
const withEcho = echo ? { echo } : {};
const cleanup = createCleanup({ warn: write });
const env = childEnv(process.env);

/**
 * What the steps learn, in the order they learn it.
 * @type {{
 *   tmp: string, verdaccioBin: string, registryUrl: string, workspace: string, consumer: string,
 *   before: Map<string, string>, after: Map<string, string>, publicNames: string[],
 *   released: string[], changesets: import('./lib/changesets.mjs').Changeset[],
 *   mockUrl: string, contract: { ASSET_ID_PATTERN: RegExp, isSuccessCode: (code: unknown) => boolean } | undefined,
 * }}
 */
const state = {
  tmp: '',
  verdaccioBin: '',
  registryUrl: '',
  workspace: '',
  consumer: '',
  before: new Map(),
  after: new Map(),
  publicNames: [],
  released: [],
  changesets: [],
  mockUrl: '',
  contract: undefined,
};

/** @param {string[]} names */
const needs =
  (...names) =>
  () => {
    const missing = names.filter((name) => !state.released.includes(name));
    return missing.length > 0 ? `${missing.join(' and ')} not released in this run` : undefined;
  };

/** @type {import('./lib/steps.mjs').Step[]} */
const steps = [
  {
    name: `Verdaccio ${VERDACCIO_VERSION} in its own cache`,
    run: async () => {
      const { bin, reused } = await ensureVerdaccio({
        cacheDir: options.cacheDir,
        env,
        ...withEcho,
      });
      state.verdaccioBin = bin;
      return `${reused ? 'reused' : 'installed into'} ${options.cacheDir}`;
    },
  },
  {
    name: 'start Verdaccio on 127.0.0.1 (temporary storage, no uplinks)',
    run: async () => {
      const registryDir = join(state.tmp, 'registry');
      await mkdir(registryDir);
      const registry = await startVerdaccio({
        bin: state.verdaccioBin,
        workDir: registryDir,
        env,
        ...withEcho,
      });
      cleanup.add('stop Verdaccio', registry.stop);
      state.registryUrl = registry.url;
      return registry.url;
    },
  },
  {
    name: 'copy the repository to a temporary directory',
    run: async () => {
      state.workspace = join(state.tmp, 'workspace');
      const count = await copyWorkspace({ root: REPO_ROOT, dest: state.workspace, env });
      return `${count} files`;
    },
  },
  {
    name: 'pnpm install in the copy',
    run: async () => {
      await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
        cwd: state.workspace,
        env,
        timeoutMs: WORKSPACE_INSTALL_TIMEOUT_MS,
        ...withEcho,
      });
    },
  },
  {
    name: 'pending changesets',
    run: async () => {
      const packages = await listPackages(state.workspace, env);
      state.before = new Map(packages.map((pkg) => [pkg.name, pkg.version]));
      state.publicNames = packages.filter((pkg) => !pkg.private).map((pkg) => pkg.name);
      const outsideScope = state.publicNames.filter((name) => !name.startsWith(`${SCOPE}/`));
      if (outsideScope.length > 0) {
        // The registry is only redirected for the scope: anything else would go to npmjs.org.
        throw new Error(`public packages outside ${SCOPE}: ${outsideScope.join(', ')}`);
      }
      const unknown = options.only.filter((name) => !state.publicNames.includes(name));
      if (unknown.length > 0) {
        throw new Error(`KYY_RELEASE_PACKAGES names unknown packages: ${unknown.join(', ')}`);
      }
      state.released = options.only.length > 0 ? options.only : state.publicNames;
      state.changesets = await readPendingChangesets(state.workspace);
      if (state.changesets.length === 0) {
        // Right after a release nothing is pending; exercise versioning with a throw-away one.
        state.changesets = [await writeTestChangeset(state.workspace, state.released)];
        return `none pending; wrote ${TEST_CHANGESET_FILE} in the copy (patch for ${state.released.length} packages)`;
      }
      return `${state.changesets.length} pending, releasing ${[...namedReleases(state.changesets)].join(', ')}`;
    },
  },
  {
    name: 'pnpm version-packages (changeset version, lockfile refresh)',
    run: async () => {
      await run('pnpm', ['run', 'version-packages'], {
        cwd: state.workspace,
        env,
        timeoutMs: VERSION_TIMEOUT_MS,
        ...withEcho,
      });
      const packages = await listPackages(state.workspace, env);
      state.after = new Map(packages.map((pkg) => [pkg.name, pkg.version]));
      const bumped = state.publicNames
        .filter((name) => state.after.get(name) !== state.before.get(name))
        .map((name) => `${name} ${state.before.get(name)} → ${state.after.get(name)}`);
      return bumped.join(', ') || 'no public package changed version';
    },
  },
  {
    name: 'versions bumped, changelogs written, changesets consumed',
    run: async () => {
      const problems = versionProblems(state.before, state.after, namedReleases(state.changesets));
      for (const name of state.publicNames) {
        const version = /** @type {string} */ (state.after.get(name));
        if (version === state.before.get(name)) continue;
        const dir = await packageDir(state.workspace, name);
        const changelogFile = join(dir, 'CHANGELOG.md');
        const changelog = existsSync(changelogFile)
          ? await readFile(changelogFile, 'utf8')
          : undefined;
        const summaries = state.changesets
          .filter((changeset) => changeset.releases.some((release) => release.name === name))
          .map((changeset) => changeset.summary.split('\n')[0] ?? '')
          .filter(Boolean);
        problems.push(...changelogProblems(changelog, name, version, summaries));
      }
      const left = await readPendingChangesets(state.workspace);
      if (left.length > 0)
        problems.push(`changesets left unconsumed: ${left.map((c) => c.file).join(', ')}`);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  },
  {
    name: 'pnpm release (build, check:package, changeset publish) to Verdaccio',
    run: async () => {
      const host = state.registryUrl.replace(/^https?:/, '');
      // The token only ever applies to the local registry; the scope is the only thing redirected.
      await writeFile(
        join(state.workspace, '.npmrc'),
        `${SCOPE}:registry=${state.registryUrl}\n${host}:_authToken=${DUMMY_AUTH_TOKEN}\n`,
      );
      // changesets reads the scope's registry from the environment, not from .npmrc.
      const releaseEnv = { ...env, [`npm_config_${SCOPE}:registry`]: state.registryUrl };
      const common = {
        cwd: state.workspace,
        env: releaseEnv,
        timeoutMs: RELEASE_TIMEOUT_MS,
        ...withEcho,
      };
      if (options.only.length > 0) {
        const filters = state.released.flatMap((name) => ['--filter', name]);
        await run('pnpm', ['exec', 'turbo', 'run', 'build', 'check:package', ...filters], common);
        await run(
          'pnpm',
          ['publish', '-r', ...filters, '--no-git-checks', '--access', 'public'],
          common,
        );
        return `${state.released.length} packages (KYY_RELEASE_PACKAGES)`;
      }
      await run('pnpm', ['run', 'release'], common);
      // changeset publish tags what it published; the workflow pushes those tags.
      const { stdout } = await run('git', ['tag', '--list'], {
        ...common,
        timeoutMs: COMMAND_TIMEOUT_MS,
      });
      const tags = new Set(stdout.split('\n'));
      const untagged = state.released
        .map((name) => `${name}@${state.after.get(name)}`)
        .filter((tag) => !tags.has(tag));
      if (untagged.length > 0) throw new Error(`published but not tagged: ${untagged.join(', ')}`);
      return `${state.released.length} packages published and tagged`;
    },
  },
  {
    name: 'Verdaccio serves the new versions with real dependency ranges',
    run: async () => {
      const published = new Map(
        state.released.map((name) => [name, /** @type {string} */ (state.after.get(name))]),
      );
      const problems = [];
      for (const name of state.released) {
        const response = await fetch(`${state.registryUrl}${name.replace('/', '%2f')}`, {
          signal: AbortSignal.timeout(REGISTRY_QUERY_TIMEOUT_MS),
        });
        if (!response.ok) {
          problems.push(`${name}: the registry answered HTTP ${response.status}`);
          continue;
        }
        const packument = await response.json();
        const latest = packument['dist-tags']?.latest;
        const manifest = packument.versions?.[latest];
        if (!manifest) {
          problems.push(`${name}: no "latest" version on the registry`);
          continue;
        }
        problems.push(...manifestProblems(manifest, published));
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
      return [...published].map(([name, version]) => `${name}@${version}`).join(', ');
    },
  },
  {
    name: 'plain npm install in a fresh directory outside the workspace',
    run: async () => {
      state.consumer = join(state.tmp, 'consumer');
      await mkdir(state.consumer);
      const outside = relative(await realpath(REPO_ROOT), await realpath(state.consumer));
      if (!outside.startsWith('..')) throw new Error(`${state.consumer} is inside the repository`);
      await writeFile(
        join(state.consumer, 'package.json'),
        `${JSON.stringify({ name: 'kyy-release-consumer', private: true, type: 'module' }, null, 2)}\n`,
      );
      // Only the scope comes from Verdaccio; everything else from the normal registry.
      await writeFile(join(state.consumer, '.npmrc'), `${SCOPE}:registry=${state.registryUrl}\n`);
      const wanted = ['@kyyvideo/client', '@kyyvideo/cli'].every((name) =>
        state.released.includes(name),
      )
        ? ['@kyyvideo/client', '@kyyvideo/cli']
        : state.released;
      await run('npm', ['install', '--no-audit', '--no-fund', ...wanted], {
        cwd: state.consumer,
        env,
        timeoutMs: CONSUMER_INSTALL_TIMEOUT_MS,
        ...withEcho,
      });
      const problems = [];
      for (const name of state.released) {
        const dir = join(state.consumer, 'node_modules', name);
        if (!existsSync(join(dir, 'package.json'))) {
          problems.push(`${name} was not installed`);
          continue;
        }
        const { version } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
        if (version !== state.after.get(name)) {
          problems.push(`${name}: installed ${version}, released ${state.after.get(name)}`);
        }
      }
      // msw is an optional peer of the mock (only /node and /browser need it): kyy mock runs
      // without it, so installing the CLI must not bring it.
      if (existsSync(join(state.consumer, 'node_modules', 'msw'))) {
        problems.push('msw was installed, though nothing installed needs it');
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
      return `npm install ${wanted.join(' ')} (no msw)`;
    },
  },
  {
    name: 'every released package imports in plain Node',
    run: async () => {
      const imported = [];
      for (const name of state.released) {
        const manifest = JSON.parse(
          await readFile(join(state.consumer, 'node_modules', name, 'package.json'), 'utf8'),
        );
        if (!manifest.exports?.['.']) continue; // bin-only packages (the CLI) are run below
        const script = `const m = await import(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error('no exports');`;
        await run(process.execPath, ['--input-type=module', '-e', script], {
          cwd: state.consumer,
          env,
          timeoutMs: COMMAND_TIMEOUT_MS,
        });
        imported.push(name);
      }
      const require = createRequire(join(state.consumer, 'package.json'));
      state.contract = await import(pathToFileURL(require.resolve('@kyyvideo/contract')).href);
      return imported.join(', ');
    },
  },
  {
    name: 'npx kyy mock starts and prints its URL',
    skip: needs('@kyyvideo/cli'),
    run: async () => {
      const port = await freePort();
      const mock = await startService('npx', ['--no', 'kyy', 'mock', '--port', String(port)], {
        cwd: state.consumer,
        env,
        timeoutMs: MOCK_START_TIMEOUT_MS,
        ready: /https?:\/\/[^\s'"]+/, // plain text: children get NO_COLOR
        ...withEcho,
      });
      cleanup.add('stop kyy mock', mock.stop);
      const url = mock.match[0].replace(/\/$/, '');
      if (!isLoopbackUrl(url))
        throw new Error(`kyy mock printed ${url}, which is not a loopback URL`);
      if (new URL(url).port !== String(port))
        throw new Error(`kyy mock printed ${url}, not port ${port}`);
      state.mockUrl = url;
      return url;
    },
  },
  {
    name: 'npx kyy assets upload --json creates an asset in the mock',
    skip: needs('@kyyvideo/cli'),
    run: async () => {
      const args = [
        '--no',
        'kyy',
        'assets',
        'upload',
        '--type',
        'Image',
        '--url',
        'https://example.com/cat.jpg',
      ];
      const { stdout, stderr } = await run(
        'npx',
        [...args, '--base-url', state.mockUrl, '--json'],
        {
          cwd: state.consumer,
          env: { ...env, KYY_API_KEY: TEST_API_KEY },
          timeoutMs: COMMAND_TIMEOUT_MS,
          ...withEcho,
        },
      );
      if (`${stdout}${stderr}`.includes(TEST_API_KEY))
        throw new Error('the CLI printed the API key');
      const assetId = findAssetId(lastJson(stdout));
      const contract = /** @type {NonNullable<typeof state.contract>} */ (state.contract);
      if (!assetId || !contract.ASSET_ID_PATTERN.test(assetId)) {
        throw new Error(`no valid assetId in the CLI's JSON output:\n${stdout}`);
      }
      // The asset must really exist in the mock, not just be printed.
      const response = await fetch(`${state.mockUrl}/kyyVideo2/asset/${assetId}`, {
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
        signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
      });
      const body = await response.json();
      if (!contract.isSuccessCode(body.code) || body.data?.assetId !== assetId) {
        throw new Error(`the mock does not know ${assetId}: ${JSON.stringify(body)}`);
      }
      return assetId;
    },
  },
  {
    name: 'a plain Node ESM script uploads, waits for Active and deletes with @kyyvideo/client',
    skip: needs('@kyyvideo/client', '@kyyvideo/cli'),
    run: async () => {
      const script = join(state.consumer, 'client-roundtrip.mjs');
      await writeFile(
        script,
        await readFile(join(HERE, 'fixtures', 'client-roundtrip.mjs'), 'utf8'),
      );
      const { stdout } = await run(process.execPath, [script], {
        cwd: state.consumer,
        env: { ...env, KYY_API_KEY: TEST_API_KEY, KYY_BASE_URL: state.mockUrl },
        timeoutMs: ROUNDTRIP_TIMEOUT_MS,
        ...withEcho,
      });
      const result = /** @type {Record<string, any>} */ (lastJson(stdout));
      const problems = [];
      if (result.ref !== `asset://${result.assetId}`)
        problems.push(`ref ${result.ref} does not wrap ${result.assetId}`);
      if (result.status !== 'Active')
        problems.push(`waited asset is ${result.status}, expected Active`);
      if (result.deleted?.assetId !== result.assetId || result.deleted?.alreadyGone !== false) {
        problems.push(`delete answered ${JSON.stringify(result.deleted)}`);
      }
      if (result.goneAfterDelete !== true)
        problems.push('the asset could still be read after delete');
      if (problems.length > 0) throw new Error(`${problems.join('\n')}\noutput: ${stdout}`);
      return `${result.assetId}: ${[...result.statuses, 'deleted'].join(' → ')}`;
    },
  },
  {
    // Last, so that a missing document does not hide whether the packages work.
    name: 'installed packages carry their README and CHANGELOG',
    run: async () => {
      const problems = [];
      for (const name of state.released) {
        const dir = join(state.consumer, 'node_modules', name);
        for (const file of ['README.md', 'CHANGELOG.md']) {
          if (!existsSync(join(dir, file)))
            problems.push(`${name}'s published package has no ${file}`);
        }
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  },
];

/**
 * @param {string} workspace
 * @param {string} name
 */
async function packageDir(workspace, name) {
  const found = (await listPackages(workspace, env)).find((pkg) => pkg.name === name);
  if (!found) throw new Error(`${name} is not in the workspace`);
  return found.path;
}

async function finish() {
  await stopAll();
  await cleanup.run();
}

/** Set by a signal: no further step starts, and the verdict says so. */
let interruptedBy = '';
/** After a signal, cleanup has run; if the current step still has not returned, stop anyway. */
const SIGNAL_EXIT_GRACE_MS = 10_000;

/** @param {NodeJS.Signals} signal */
function exitCodeFor(signal) {
  return signal === 'SIGINT' ? 130 : 143;
}

/** @param {NodeJS.Signals} signal */
async function onSignal(signal) {
  interruptedBy = signal;
  write(
    `\nrelease: ${signal} received, stopping Verdaccio and the mock and removing temporary files`,
  );
  // Stopping the children ends the running step; main() then reports and exits.
  await finish();
  setTimeout(() => process.exit(exitCodeFor(signal)), SIGNAL_EXIT_GRACE_MS).unref();
}

async function main() {
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => void onSignal(signal));
  }
  state.tmp = await mkdtemp(join(tmpdir(), 'kyy-release-'));
  cleanup.add('remove temporary files', async () => {
    if (options.keep) write(`release: kept ${state.tmp} (KYY_RELEASE_KEEP=1)`);
    else await rm(state.tmp, { recursive: true, force: true });
  });
  write(`release: proving a release end to end in ${state.tmp}`);
  if (options.only.length > 0)
    write(`release: only ${options.only.join(', ')} (KYY_RELEASE_PACKAGES)`);
  let summary;
  try {
    summary = await runSteps(steps, {
      write,
      stopReason: () => (interruptedBy ? `interrupted by ${interruptedBy}` : undefined),
    });
  } finally {
    await finish();
  }
  write(summaryLine(summary));
  if (interruptedBy) write(`release: INTERRUPTED (${interruptedBy})`);
  else if (summary.failed === 0) write('release: PASS');
  else write(`release: FAIL (${summary.failures[0]?.name})`);
  if (interruptedBy) return exitCodeFor(/** @type {NodeJS.Signals} */ (interruptedBy));
  return summary.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error('release: the test itself crashed:', error);
    process.exitCode = 1;
  },
);
