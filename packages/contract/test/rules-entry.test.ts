import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as everything from '../src/index.js';
import * as rules from '../src/rules/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every module `file` loads at run time (type-only imports are erased), transitively. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(
    /^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms,
  )) {
    if (specifier === undefined) continue;
    if (!specifier.startsWith('.')) {
      seen.add(specifier);
      continue;
    }
    runtimeImports(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('@kyyvideo/contract/rules', () => {
  it('loads neither zod nor the schemas', () => {
    const loaded = [...runtimeImports(resolve(SRC, 'rules/index.ts'))];
    expect(loaded.filter((m) => !m.startsWith(SRC))).toEqual([]);
    expect(loaded.filter((m) => /schemas\.ts$/.test(m))).toEqual([]);
    // The walk does see the modules the video rules live in (else it would prove nothing).
    expect(loaded).toContain(resolve(SRC, 'video-constants.ts'));
    expect(loaded).toContain(resolve(SRC, 'rules/video-task.ts'));
  });

  it('exports the video rules and constants a fast-starting consumer needs', () => {
    for (const name of [
      'checkVideoTask',
      'checkReferenceVideoRule',
      'toVideoTaskFields',
      'VIDEO_MODELS',
      'KYYVIDEO2_MODELS',
      'SEEDANCE_MODELS',
      'EXAMPLE_VIDEO_TASK_REQUEST',
      'DOCUMENTED_VIDEO_DURATION_S',
      'DOCUMENTED_VIDEO_POLL_INTERVAL_MS',
      'FAST_VIDEO_POLL_INTERVAL_MS',
      'DEFAULT_VIDEO_WAIT_TIMEOUT_MS',
      'VIDEO_TASK_STATUSES',
      'ASSET_STATUSES',
      'DOCUMENTED_POLL_TIMEOUT_MS',
      'MAX_UPLOAD_CONCURRENCY',
    ]) {
      expect(rules, name).toHaveProperty(name);
      // The main entry hands out the very same values.
      expect((everything as Record<string, unknown>)[name], name).toBe(
        (rules as Record<string, unknown>)[name],
      );
    }
  });
});
