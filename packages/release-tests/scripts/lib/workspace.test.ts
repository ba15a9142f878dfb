import { describe, expect, it } from 'vitest';
import { selectCopiedFiles } from './workspace.mjs';

describe('selectCopiedFiles', () => {
  it('drops build output, installs, deleted files and duplicates, and sorts', () => {
    const listed = [
      'packages/client/src/index.ts',
      'package.json',
      'packages/client/dist/index.js',
      'packages/client/node_modules/x/index.js',
      '.turbo/cache/a',
      'apps/cli/src/deleted.ts',
      'package.json',
      'packages/distribution/readme.md',
      '',
    ];
    const exists = (file: string) => file !== 'apps/cli/src/deleted.ts';
    expect(selectCopiedFiles(listed, exists)).toEqual([
      'package.json',
      'packages/client/src/index.ts',
      'packages/distribution/readme.md',
    ]);
  });
});
