import { describe, expect, it } from 'vitest';
import {
  changelogProblems,
  findAssetId,
  lastJson,
  manifestProblems,
  versionProblems,
} from './checks.mjs';

describe('versionProblems', () => {
  const before = new Map([
    ['@kyyvideo/contract', '0.1.0'],
    ['@kyyvideo/client', '0.1.0'],
  ]);

  it('passes when every named package moved up', () => {
    const after = new Map([
      ['@kyyvideo/contract', '0.1.1'],
      ['@kyyvideo/client', '0.1.0'],
    ]);
    expect(versionProblems(before, after, new Set(['@kyyvideo/contract']))).toEqual([]);
  });

  it('reports a named package that did not move, and one that is unknown', () => {
    const problems = versionProblems(
      before,
      before,
      new Set(['@kyyvideo/client', '@kyyvideo/nope']),
    );
    expect(problems).toEqual([
      '@kyyvideo/client stayed at 0.1.0 although a changeset releases it',
      '@kyyvideo/nope is named in a changeset but is not a workspace package',
    ]);
  });

  it('reports a version that went down', () => {
    const after = new Map([
      ['@kyyvideo/contract', '0.0.9'],
      ['@kyyvideo/client', '0.1.0'],
    ]);
    expect(versionProblems(before, after, new Set())).toEqual([
      '@kyyvideo/contract went down from 0.1.0 to 0.0.9',
    ]);
  });
});

describe('changelogProblems', () => {
  const changelog =
    '# @kyyvideo/client\n\n## 0.2.0\n\n### Minor Changes\n\n- abc123: Adds waiting.\n\n## 0.1.0\n\n- Old.\n';

  it('finds the summary in the section of the new version', () => {
    expect(changelogProblems(changelog, 'c', '0.2.0', ['Adds waiting.'])).toEqual([]);
  });

  it('reports a missing file, a missing section and a summary that is only in an old section', () => {
    expect(changelogProblems(undefined, 'c', '0.2.0', [])).toEqual([
      'c has no CHANGELOG.md after versioning',
    ]);
    expect(changelogProblems(changelog, 'c', '0.3.0', [])).toEqual([
      `c's CHANGELOG.md has no "## 0.3.0" section`,
    ]);
    expect(changelogProblems(changelog, 'c', '0.2.0', ['Old.'])).toEqual([
      `c's CHANGELOG.md 0.2.0 section does not mention "Old."`,
    ]);
  });

  it('does not mistake 0.2.0 for a prefix of 0.2.0-next.1', () => {
    const pre = '# c\n\n## 0.2.0-next.1\n\n- x\n';
    expect(changelogProblems(pre, 'c', '0.2.0', [])).toHaveLength(1);
  });
});

describe('manifestProblems', () => {
  const published = new Map([
    ['@kyyvideo/contract', '0.2.0'],
    ['@kyyvideo/client', '0.3.0'],
  ]);

  it('accepts real ranges on the versions released together', () => {
    const manifest = {
      name: '@kyyvideo/client',
      version: '0.3.0',
      dependencies: { '@kyyvideo/contract': '^0.2.0', 'openapi-fetch': '^0.17.0' },
    };
    expect(manifestProblems(manifest, published)).toEqual([]);
  });

  it('reports workspace and catalog protocols, stale internal ranges and a wrong version', () => {
    const manifest = {
      name: '@kyyvideo/client',
      version: '0.2.9',
      dependencies: { '@kyyvideo/contract': 'workspace:^', zod: 'catalog:' },
      peerDependencies: { '@kyyvideo/mock': '^0.1.0' },
    };
    const withMock = new Map([...published, ['@kyyvideo/mock', '0.2.0']]);
    expect(manifestProblems(manifest, withMock)).toEqual([
      '@kyyvideo/client: registry has 0.2.9, expected 0.3.0',
      '@kyyvideo/client was published with "@kyyvideo/contract": "workspace:^" (not a registry range)',
      '@kyyvideo/client was published with "zod": "catalog:" (not a registry range)',
      '@kyyvideo/client depends on @kyyvideo/mock@^0.1.0, but this release publishes 0.2.0',
    ]);
  });
});

describe('CLI output helpers', () => {
  it('finds an assetId nested anywhere', () => {
    expect(findAssetId({ ok: true, items: [{ result: { assetId: 'asset-1' } }] })).toBe('asset-1');
    expect(findAssetId({ assetId: 42 })).toBeUndefined();
  });

  it('reads the last JSON line after notices, and fails clearly without one', () => {
    expect(lastJson('notice: something\n{"assetId":"a"}\n')).toEqual({ assetId: 'a' });
    expect(lastJson('{\n  "pretty": true\n}\n')).toEqual({ pretty: true });
    expect(() => lastJson('no json here')).toThrow(/no JSON found/);
  });
});
