// Reads pending changesets and, when there are none (right after a release), writes a test one
// into the temporary copy so the version and changelog machinery is still exercised.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @typedef {'major' | 'minor' | 'patch' | 'none'} BumpType */
/** @typedef {{ file: string, releases: { name: string, type: BumpType }[], summary: string }} Changeset */

const BUMP_TYPES = new Set(['major', 'minor', 'patch', 'none']);
export const TEST_CHANGESET_FILE = 'kyy-release-test.md';
export const TEST_CHANGESET_SUMMARY = 'Release test: exercises versioning and changelogs.';

/**
 * Parses a changeset file: YAML front matter of `"name": bump` lines, then the summary.
 * @param {string} text
 * @param {string} file for error messages
 * @returns {Changeset}
 */
export function parseChangeset(text, file) {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/);
  if (!match) throw new Error(`${file}: expected front matter between --- lines`);
  const [, front = '', body = ''] = match;
  const releases = [];
  for (const line of front.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const entry = line.match(/^\s*(["']?)(@?[^"':\s]+)\1\s*:\s*(\w+)\s*$/);
    if (!entry) throw new Error(`${file}: cannot read the release line "${line}"`);
    const [, , name = '', type = ''] = entry;
    if (!BUMP_TYPES.has(type)) {
      throw new Error(`${file}: "${type}" is not a bump type (major, minor, patch or none)`);
    }
    releases.push({ name, type: /** @type {BumpType} */ (type) });
  }
  return { file, releases, summary: body.trim() };
}

/**
 * @param {string} workspaceDir
 * @returns {Promise<Changeset[]>}
 */
export async function readPendingChangesets(workspaceDir) {
  const dir = join(workspaceDir, '.changeset');
  const files = (await readdir(dir)).filter((file) => file.endsWith('.md') && file !== 'README.md');
  const changesets = [];
  for (const file of files.sort()) {
    changesets.push(parseChangeset(await readFile(join(dir, file), 'utf8'), file));
  }
  return changesets;
}

/**
 * @param {string} workspaceDir
 * @param {string[]} packageNames
 * @returns {Promise<Changeset>}
 */
export async function writeTestChangeset(workspaceDir, packageNames) {
  const front = packageNames.map((name) => `"${name}": patch`).join('\n');
  const text = `---\n${front}\n---\n\n${TEST_CHANGESET_SUMMARY}\n`;
  await writeFile(join(workspaceDir, '.changeset', TEST_CHANGESET_FILE), text);
  return parseChangeset(text, TEST_CHANGESET_FILE);
}

/**
 * Packages the changesets ask to release (bump other than none).
 * @param {Changeset[]} changesets
 */
export function namedReleases(changesets) {
  const names = new Set();
  for (const changeset of changesets) {
    for (const release of changeset.releases) if (release.type !== 'none') names.add(release.name);
  }
  return names;
}

/**
 * Compares x.y.z[-pre] versions; prereleases sort before their release.
 * @param {string} a
 * @param {string} b
 */
export function compareVersions(a, b) {
  const parse = (/** @type {string} */ version) => {
    const match = version.match(/^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/);
    if (!match) throw new Error(`"${version}" is not a semantic version`);
    return { parts: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] };
  };
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const diff = /** @type {number} */ (left.parts[i]) - /** @type {number} */ (right.parts[i]);
    if (diff !== 0) return Math.sign(diff);
  }
  if (left.pre === right.pre) return 0;
  if (left.pre === undefined) return 1;
  if (right.pre === undefined) return -1;
  return left.pre < right.pre ? -1 : 1;
}
