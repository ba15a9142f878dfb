import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFileSecret } from './key-file-secret.js';

describe('readKeyFileSecret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyy-keyfile-secret-'));

  it('returns the trimmed contents of a regular file, relative to cwd', () => {
    writeFileSync(join(dir, 'k.txt'), '  sk-file-key-123\n');
    expect(readKeyFileSecret('k.txt', dir)).toBe('sk-file-key-123');
  });

  it('returns nothing (and throws nothing) for a missing file, a directory or an empty file', () => {
    writeFileSync(join(dir, 'empty.txt'), '\n');
    expect(readKeyFileSecret('missing.txt', dir)).toBeUndefined();
    expect(readKeyFileSecret('.', dir)).toBeUndefined();
    expect(readKeyFileSecret('empty.txt', dir)).toBeUndefined();
  });
});
