// The assertions of the release test, as pure functions of what the steps observed. Each returns
// the problems it found (empty when all is well) so a failure lists everything at once.

import { compareVersions } from './changesets.mjs';

/**
 * Every package a changeset names must have moved to a higher version; nothing may go down.
 * @param {Map<string, string>} before name → version before `changeset version`
 * @param {Map<string, string>} after name → version after it
 * @param {Set<string>} named packages the pending changesets release
 */
export function versionProblems(before, after, named) {
  const problems = [];
  for (const name of named) {
    const from = before.get(name);
    const to = after.get(name);
    if (from === undefined || to === undefined) {
      problems.push(`${name} is named in a changeset but is not a workspace package`);
    } else if (compareVersions(to, from) <= 0) {
      problems.push(`${name} stayed at ${from} although a changeset releases it`);
    }
  }
  for (const [name, from] of before) {
    const to = after.get(name);
    if (to !== undefined && compareVersions(to, from) < 0) {
      problems.push(`${name} went down from ${from} to ${to}`);
    }
  }
  return problems;
}

/**
 * The changelog must have a section for the new version containing each changeset summary.
 * @param {string | undefined} changelog CHANGELOG.md text, undefined when missing
 * @param {string} name
 * @param {string} version
 * @param {string[]} summaries first lines of the changesets that release this package
 */
export function changelogProblems(changelog, name, version, summaries) {
  if (changelog === undefined) return [`${name} has no CHANGELOG.md after versioning`];
  const sections = changelog.split(/^## /m);
  const section = sections.find(
    (text) => text.startsWith(`${version}\n`) || text.startsWith(`${version}\r\n`),
  );
  if (!section) return [`${name}'s CHANGELOG.md has no "## ${version}" section`];
  return summaries
    .filter((summary) => !section.includes(summary))
    .map((summary) => `${name}'s CHANGELOG.md ${version} section does not mention "${summary}"`);
}

/**
 * A published manifest must carry real version ranges that the registry can satisfy.
 * @param {{ name: string, version: string, dependencies?: Record<string, string>, peerDependencies?: Record<string, string> }} manifest
 * @param {Map<string, string>} published name → version published in this run
 */
export function manifestProblems(manifest, published) {
  const problems = [];
  const expected = published.get(manifest.name);
  if (manifest.version !== expected) {
    problems.push(`${manifest.name}: registry has ${manifest.version}, expected ${expected}`);
  }
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [dep, range] of Object.entries(ranges)) {
    if (
      range.startsWith('workspace:') ||
      range.startsWith('catalog:') ||
      range.startsWith('link:')
    ) {
      problems.push(
        `${manifest.name} was published with "${dep}": "${range}" (not a registry range)`,
      );
      continue;
    }
    const depVersion = published.get(dep);
    if (depVersion !== undefined && range.replace(/^[\^~]/, '') !== depVersion) {
      problems.push(
        `${manifest.name} depends on ${dep}@${range}, but this release publishes ${depVersion}`,
      );
    }
  }
  return problems;
}

/**
 * Finds the first string property `assetId` anywhere in a parsed JSON value.
 * @param {unknown} value
 * @returns {string | undefined}
 */
export function findAssetId(value) {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findAssetId(item);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const record = /** @type {Record<string, unknown>} */ (value);
    if (typeof record.assetId === 'string') return record.assetId;
    for (const item of Object.values(record)) {
      const found = findAssetId(item);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The last line of output that parses as JSON (CLIs may print notices before it).
 * @param {string} output
 * @returns {unknown}
 */
export function lastJson(output) {
  const trimmed = output.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through to line-by-line
  }
  const lines = trimmed.split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {}
  }
  throw new Error(`no JSON found in the output:\n${trimmed.slice(-2_000)}`);
}
