import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compareVersions,
  namedReleases,
  parseChangeset,
  readPendingChangesets,
  TEST_CHANGESET_FILE,
  writeTestChangeset,
} from './changesets.mjs';

describe('parseChangeset', () => {
  it('reads quoted and unquoted release lines and the summary', () => {
    const text = `---\n"@kyyvideo/client": minor\n'@kyyvideo/mock': patch\nplain-name: major\n---\n\nFirst line.\n\nMore.\n`;
    expect(parseChangeset(text, 'a.md')).toEqual({
      file: 'a.md',
      releases: [
        { name: '@kyyvideo/client', type: 'minor' },
        { name: '@kyyvideo/mock', type: 'patch' },
        { name: 'plain-name', type: 'major' },
      ],
      summary: 'First line.\n\nMore.',
    });
  });

  it('accepts an empty changeset (no releases)', () => {
    expect(parseChangeset('---\n---\n', 'empty.md').releases).toEqual([]);
  });

  it('rejects an unknown bump type, naming the file', () => {
    expect(() => parseChangeset('---\n"@kyyvideo/client": huge\n---\nx', 'b.md')).toThrow(
      /b\.md: "huge" is not a bump type/,
    );
  });

  it('rejects text without front matter', () => {
    expect(() => parseChangeset('just words', 'c.md')).toThrow(/c\.md: expected front matter/);
  });
});

describe('pending changesets on disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ignores the README and round-trips the test changeset', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyy-changesets-'));
    await mkdir(join(dir, '.changeset'));
    await writeFile(join(dir, '.changeset', 'README.md'), '# not a changeset');
    expect(await readPendingChangesets(dir)).toEqual([]);

    const written = await writeTestChangeset(dir, ['@kyyvideo/a', '@kyyvideo/b']);
    expect(await readdir(join(dir, '.changeset'))).toContain(TEST_CHANGESET_FILE);
    expect(await readPendingChangesets(dir)).toEqual([written]);
    expect(written.releases.map((release) => release.name)).toEqual(['@kyyvideo/a', '@kyyvideo/b']);
  });
});

describe('namedReleases', () => {
  it('collects names across changesets, leaving out bump type none', () => {
    const names = namedReleases([
      {
        file: 'a',
        summary: '',
        releases: [
          { name: 'x', type: 'patch' },
          { name: 'y', type: 'none' },
        ],
      },
      {
        file: 'b',
        summary: '',
        releases: [
          { name: 'x', type: 'minor' },
          { name: 'z', type: 'major' },
        ],
      },
    ]);
    expect([...names].sort()).toEqual(['x', 'z']);
  });
});

describe('compareVersions', () => {
  it.each([
    ['0.0.1', '0.0.0', 1],
    ['0.1.0', '0.0.9', 1],
    ['1.0.0', '0.99.99', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.2.3', '1.2.3', 0],
    ['1.0.0-next.0', '1.0.0', -1],
    ['1.0.0-next.1', '1.0.0-next.0', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('rejects a non-version', () => {
    expect(() => compareVersions('latest', '1.0.0')).toThrow(/"latest" is not a semantic version/);
  });
});
