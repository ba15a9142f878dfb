import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The main entry must run in browsers: no Node built-ins, no bare `process`, no Buffer. (The
 * `size` script bundles it for the browser platform too, which would also fail on these.)
 */
const srcDir = new URL('../src/', import.meta.url);
/**
 * The `@kyyvideo/client/node` subpath and the module only it uses: Node-only by design, and never
 * imported by the rest.
 */
const NODE_ONLY = new Set(['node.ts', 'save-target.ts']);
const sources = readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NODE_ONLY.has(f))
  .map((f) => ({ file: f, text: stripComments(readFileSync(new URL(f, srcDir), 'utf8')) }));

function stripComments(code: string): string {
  return code.replaceAll(/\/\*[\s\S]*?\*\//g, '').replaceAll(/^\s*\/\/.*$/gm, '');
}

describe('browser-safe main entry', () => {
  it('has sources to check', () => {
    expect(sources.map((s) => s.file)).toContain('index.ts');
  });

  it('no module of the main entry imports the Node-only subpath', () => {
    for (const { file, text } of sources)
      expect(text, file).not.toMatch(/from ['"]\.\/(node|save-target)\.js['"]/);
  });

  it.each(sources.map((s) => [s.file, s.text] as const))('%s uses no Node-only API', (_, text) => {
    expect(text).not.toMatch(/from ['"]node:/);
    expect(text).not.toMatch(/from ['"](fs|path|os|util|http|https|net|zlib|crypto)['"]/);
    expect(text).not.toMatch(/\bBuffer\./);
    // process may only be reached through globalThis, guarded, as options.ts does.
    expect(text).not.toMatch(/(?<![.\w?])process\b(?!\?)/);
  });
});
