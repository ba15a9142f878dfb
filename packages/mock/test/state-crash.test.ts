import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/server/index.js';

// kill -9 at an arbitrary moment under load must lose nothing that was acknowledged: every upload
// answered with an id is there after a restart, every delete answered with success stays deleted,
// and no temp file is left behind. Generous limits: the machine is shared and busy.

const BIN = fileURLToPath(new URL('../bin/kyy-mock.js', import.meta.url));
const ROUNDS = 5;
const UPLOADERS = 8;
const TEST_TIMEOUT_MS = 240_000;
const HEADERS = { authorization: 'Bearer k', 'content-type': 'application/json' };

interface Acknowledged {
  uploaded: Set<string>;
  /** Deletes sent: without an answer, the asset may or may not be gone. */
  deleting: Set<string>;
  deleted: Set<string>;
  /** Video tasks answered with an id. */
  tasks: Set<string>;
}

/** Starts the bin with --state and resolves with its URL once it prints it. */
function startBin(stateFile: string, flags: readonly string[]) {
  const child = spawn(
    process.execPath,
    [BIN, '--port', '0', '--quiet', '--state', stateFile, ...flags],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+\/kyyReactApiServer)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    void exited.then(() => reject(new Error(`kyy-mock exited before listening:\n${output}`)));
  });
  return { child, url, exited };
}

/** One uploader: uploads, and deletes every third asset it made, until the server dies. */
async function uploader(url: string, acked: Acknowledged, onAck: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    let assetId: string;
    try {
      const res = await fetch(`${url}/kyyVideo2/asset/upload`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify({ assetType: 'Image', url: `https://example.com/${i}.png` }),
      });
      const body = (await res.json()) as { code: number; data: { assetId: string } };
      if (body.code !== 0) throw new Error(`upload answered ${JSON.stringify(body)}`);
      assetId = body.data.assetId;
    } catch (error) {
      if (error instanceof TypeError) return; // the connection died with the server
      throw error;
    }
    acked.uploaded.add(assetId);
    onAck();
    if (i % 2 === 0) {
      try {
        const res = await fetch(`${url}/v1/kyyvideo2/videos`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify({ model: 'kyyvideo2', prompt: `crash test ${i}` }),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status !== 200 || !body.id)
          throw new Error(`create answered ${JSON.stringify(body)}`);
        acked.tasks.add(body.id);
      } catch (error) {
        if (error instanceof TypeError) return;
        throw error;
      }
    }
    if (i % 3 !== 0) continue;
    acked.deleting.add(assetId);
    try {
      const res = await fetch(`${url}/kyyVideo2/asset/${assetId}`, {
        method: 'DELETE',
        headers: HEADERS,
      });
      const body = (await res.json()) as { code: unknown };
      if (body.code !== '0') throw new Error(`delete answered ${JSON.stringify(body)}`);
    } catch (error) {
      if (error instanceof TypeError) return;
      throw error;
    }
    acked.deleted.add(assetId);
  }
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/server/cli.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `pnpm --filter @kyyvideo/mock build` first.');
  }
  dir = await mkdtemp(join(tmpdir(), 'kyy-mock-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The default answers once a change is written to the journal file (a killed process cannot lose
// that); --state-fsync also waits for the disk. Both must survive kill -9.
describe.each([
  ['--state', []],
  ['--state with --state-fsync', ['--state-fsync']],
])('%s under kill -9', (label, flags) => {
  it(
    'loses no acknowledged upload, delete or video task and leaves no temp file, round after round',
    async () => {
      const stateFile = join(dir, `${label.replace(/\W+/g, '-')}.json`);
      const acked: Acknowledged = {
        uploaded: new Set(),
        deleting: new Set(),
        deleted: new Set(),
        tasks: new Set(),
      };
      for (let round = 0; round < ROUNDS; round++) {
        const bin = startBin(stateFile, flags);
        const url = await bin.url;
        // Kill after a different number of acknowledgements each round, mid-stream.
        const killAfter = acked.uploaded.size + 60 + round * 37;
        const onAck = () => {
          if (acked.uploaded.size >= killAfter && bin.child.exitCode === null) {
            bin.child.kill('SIGKILL');
          }
        };
        await Promise.all(Array.from({ length: UPLOADERS }, () => uploader(url, acked, onAck)));
        await bin.exited;
      }
      expect(acked.uploaded.size).toBeGreaterThan(ROUNDS * 60);
      expect(acked.deleted.size).toBeGreaterThan(0);

      const server = await startMockServer({ port: 0, stateFile });
      try {
        const lost = [...acked.uploaded].filter(
          (id) => !acked.deleting.has(id) && !server.mock.store.has(id),
        );
        const revived = [...acked.deleted].filter((id) => server.mock.store.has(id));
        expect(lost).toEqual([]);
        expect(revived).toEqual([]);
        expect(acked.tasks.size).toBeGreaterThan(ROUNDS * 20);
        expect([...acked.tasks].filter((id) => !server.mock.store.getTask(id))).toEqual([]);
        expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      } finally {
        await server.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
