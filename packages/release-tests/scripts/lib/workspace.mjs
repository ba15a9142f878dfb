// The temporary copy of the repository that gets versioned and published, so the real checkout
// is never touched: no version bumps, no consumed changesets, no tags.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from './processes.mjs';

/** Listing files and committing a few hundred of them is quick; anything longer is stuck. */
const GIT_TIMEOUT_MS = 60_000;

/**
 * Files that make up the working tree as git sees it: tracked and new files, minus ignored ones
 * (node_modules, dist, caches) and minus tracked files deleted from the working tree.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string[]>}
 */
export async function listSourceFiles(root, env) {
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, env, timeoutMs: GIT_TIMEOUT_MS },
  );
  return selectCopiedFiles(stdout.split('\0'), (file) => existsSync(join(root, file)));
}

/**
 * @param {string[]} files as listed by git
 * @param {(file: string) => boolean} exists
 */
export function selectCopiedFiles(files, exists) {
  const unique = new Set();
  for (const file of files) {
    if (!file) continue;
    // Build output and installs are recreated in the copy, whatever .gitignore says.
    if (/(^|\/)(node_modules|dist|\.turbo)(\/|$)/.test(file)) continue;
    if (exists(file)) unique.add(file);
  }
  return [...unique].sort();
}

/**
 * Copies the working tree into `dest` and commits it there, so changesets can read git and
 * `changeset publish` can tag, exactly as in a clone.
 * @param {{ root: string, dest: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<number>} number of files copied
 */
export async function copyWorkspace({ root, dest, env }) {
  const files = await listSourceFiles(root, env);
  for (const file of files) {
    const target = join(dest, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(root, file), target);
  }
  const gitEnv = {
    ...env,
    GIT_AUTHOR_NAME: 'kyy release test',
    GIT_AUTHOR_EMAIL: 'release-test@localhost',
    GIT_COMMITTER_NAME: 'kyy release test',
    GIT_COMMITTER_EMAIL: 'release-test@localhost',
  };
  const git = (/** @type {string[]} */ ...args) =>
    run('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: dest,
      env: gitEnv,
      timeoutMs: GIT_TIMEOUT_MS,
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'release test snapshot');
  return files.length;
}

/**
 * @typedef {{ name: string, version: string, path: string, private: boolean }} WorkspacePackage
 */

/**
 * Every workspace package with its manifest's name, version and privacy, read from disk.
 * @param {string} dir the workspace root
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<WorkspacePackage[]>}
 */
export async function listPackages(dir, env) {
  const { stdout } = await run('pnpm', ['ls', '-r', '--depth', '-1', '--json'], {
    cwd: dir,
    env,
    timeoutMs: GIT_TIMEOUT_MS,
  });
  /** @type {{ path: string }[]} */
  const listed = JSON.parse(stdout);
  const packages = [];
  for (const { path } of listed) {
    if (path === dir) continue;
    const manifest = JSON.parse(await readFile(join(path, 'package.json'), 'utf8'));
    packages.push({
      name: manifest.name,
      version: manifest.version,
      path,
      private: manifest.private === true,
    });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}
