import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('src/generated/openapi.ts is up to date with the spec', async () => {
  const script = new URL('../scripts/generate.mjs', import.meta.url).pathname;
  // Rejects (exit 1) when the committed file differs from what the spec generates today.
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--check']);
  expect(stdout).toContain('up to date');
});
