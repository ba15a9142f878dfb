import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setupMockServer } from '@kyyvideo/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Runs every ```ts example of the README against the in-process mock, so the documentation
 * cannot drift from the code. Each block is written to a scratch module (imports of
 * '@kyyvideo/client' pointed at the source) and imported; it must finish without throwing.
 */
const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const scratch = fileURLToPath(new URL('test/.readme-examples/', root));
const clientEntry = fileURLToPath(new URL('src/index.ts', root));
const nodeEntry = fileURLToPath(new URL('src/node.ts', root));

// Reviews and video tasks finish at once, so the examples do not wait out the client's real
// 20–40 s pauses between task reads: a task is completed at its first read.
const { server } = setupMockServer({
  reviewDelayMs: 0,
  faceReviewDelayMs: 0,
  taskQueuedMs: 0,
  taskProcessingMs: 0,
});
const logs: string[] = [];

beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  vi.stubEnv('KYY_API_KEY', 'readme-example-key');
  vi.stubEnv('KYY_BASE_URL', 'http://127.0.0.1:4010/kyyReactApiServer');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
  // The end-to-end example saves its video there.
  rmSync(join(tmpdir(), 'cat.mp4'), { force: true });
});

describe('README examples', () => {
  it('has an example for every method', () => {
    const all = blocks.join('\n');
    for (const call of [
      'upload(',
      'get(',
      'delete(',
      'waitUntilActive(',
      'uploadAndWait(',
      'prepare(',
      'raw.GET(',
      'videos.create(',
      'waitUntilDone(',
      'generate(',
      'downloadToFile(',
    ]) {
      expect(all, call).toContain(call);
    }
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i runs', async (n, code) => {
    const ownsMock = code.includes('@kyyvideo/mock/node');
    // An example that sets up its own mock must not find ours intercepting fetch too.
    if (!ownsMock) server.listen({ onUnhandledRequest: 'error' });
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      logs.push(args.map(String).join(' '));
    });
    const file = `${scratch}example-${n}.ts`;
    writeFileSync(
      file,
      code
        .replaceAll("'@kyyvideo/client'", JSON.stringify(clientEntry))
        .replaceAll("'@kyyvideo/client/node'", JSON.stringify(nodeEntry)),
    );
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      if (!ownsMock) server.close();
    }
  });

  it('printed what the examples promise', () => {
    expect(logs.some((line) => /^asset-\d{14}-[a-z0-9]{5} Active$/.test(line))).toBe(true);
    expect(logs).toContain('no such asset (code -1)');
    expect(logs).toContain('true'); // the drop-connection upload ended "outcome unknown"
    // The input error's problems locate the bad reference image by its position.
    expect(logs.some((line) => line.startsWith('referenceImages 1 Give an absolute URL'))).toBe(
      true,
    );
    expect(logs.some((line) => /^video_[0-9a-f-]{36} 1 \d+ bytes in .*cat\.mp4$/.test(line))).toBe(
      true,
    );
  });
});
