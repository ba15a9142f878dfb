import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitForOutput } from './cli-process.js';
import { startDriftingService } from './fixtures/drifting-service.js';

// The real service is never called here: the stand-in is another kyy-mock process (or a drifting
// fixture server), and the proxy under test is the kyy-mock bin itself.

const PROCESS_TIMEOUT_MS = 120_000;
// How often the flow polls detail while the stand-in reviews (a poll interval, not a wait for an event).
const POLL_MS = 100;
const KEY = `sk-proxy-${randomBytes(12).toString('hex')}`;

/** Every form of the key that must not appear anywhere. */
const KEY_FORMS = [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString('base64')];

interface Call {
  method: string;
  path: string;
  body?: string;
}
interface Answer {
  status: number;
  text: string;
}

async function send(base: string, call: Call, key = KEY): Promise<Answer> {
  const res = await fetch(`${base}${call.path}`, {
    method: call.method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(call.body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: call.body,
  });
  return { status: res.status, text: await res.text() };
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/server/cli.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `pnpm --filter @kyyvideo/mock build` first.');
  }
  dir = await mkdtemp(join(tmpdir(), 'kyy-mock-proxy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kyy-mock --proxy, --record and --replay (real processes)', () => {
  it(
    'records upload, detail, create and query through the proxy, then replays the same answers with the stand-in stopped, the key nowhere',
    async () => {
      const standIn = await startCli(
        ['--port', '0', '--quiet', '--review-delay', '4000', '--task-queued', '0'],
        { KYY_MOCK_API_KEY: KEY },
      );
      const har = join(dir, 'flow.har');
      const proxy = await startCli(['--port', '0', '--proxy', standIn.url, '--record', har]);
      const calls: Call[] = [];
      const answers: Answer[] = [];
      const through = async (call: Call) => {
        const answer = await send(proxy.url, call);
        calls.push(call);
        answers.push(answer);
        return answer;
      };
      // The key in a body and in a query string too, where a careless caller might put it.
      const upload = await through({
        method: 'POST',
        path: `/kyyVideo2/asset/upload?note=${encodeURIComponent(KEY)}`,
        body: JSON.stringify({
          assetType: 'Image',
          url: 'https://example.com/cat.jpg',
          name: `cat ${KEY}`,
        }),
      });
      const assetId = (JSON.parse(upload.text) as { data: { assetId: string } }).data.assetId;
      const detail = { method: 'GET', path: `/kyyVideo2/asset/${assetId}` };
      const deadline = Date.now() + 60_000;
      while (!(await through(detail)).text.includes('"Active"')) {
        if (Date.now() > deadline) throw new Error('the stand-in never finished the review');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      // The same request answered Processing, then Active: replay has to keep that order.
      expect(answers[1]?.text).toContain('"Processing"');
      const create = await through({
        method: 'POST',
        path: '/v1/kyyvideo2/videos',
        body: JSON.stringify({
          model: 'kyyvideo2_fast',
          prompt: 'A cat dancing in the rain',
          duration: 4,
          first_image: `asset://${assetId}`,
        }),
      });
      const taskId = (JSON.parse(create.text) as { id: string }).id;
      await through({ method: 'GET', path: `/v1/result/${taskId}` });
      await through({ method: 'GET', path: '/kyyVideo2/asset/asset-20260101000000-zzzzz' });

      expect(await proxy.stop()).toBe(0);
      expect(await standIn.stop()).toBe(0);

      const text = await readFile(har, 'utf8');
      const recording = JSON.parse(text) as {
        log: { version: string; entries: { request: { url: string } }[] };
      };
      expect(recording.log.version).toBe('1.2');
      expect(recording.log.entries.map((e) => e.request.url)).toEqual(
        calls.map((c) => `${standIn.url}${c.path}`.replace(encodeURIComponent(KEY), '[redacted]')),
      );
      expect(text).toContain('Bearer [redacted]');
      for (const form of KEY_FORMS) {
        expect(text).not.toContain(form);
        expect(proxy.output()).not.toContain(form);
      }

      // The stand-in is gone: only the recording can answer now.
      const replay = await startCli(['--port', '0', '--quiet', '--replay', har, '--replay-strict']);
      try {
        for (const [i, call] of calls.entries()) {
          const again = await send(replay.url, call);
          const recorded = answers[i] as Answer;
          expect(again.status, `${call.method} ${call.path}`).toBe(recorded.status);
          // An answer that echoed the key is replayed with it masked, as it was recorded.
          expect(again.text, `${call.method} ${call.path}`).toBe(
            recorded.text.split(KEY).join('[redacted]'),
          );
        }
        const unrecorded = await send(replay.url, { method: 'GET', path: '/v1/result/video_nope' });
        expect(unrecorded.status).toBe(404);
        expect(unrecorded.text).toContain('--replay-strict');
        expect(unrecorded.text).toContain('was not recorded');
      } finally {
        expect(await replay.stop()).toBe(0);
      }

      // Without --replay-strict, what is not recorded goes to the stateful mock.
      const lenient = await startCli(['--port', '0', '--quiet', '--replay', har]);
      try {
        const fresh = await send(lenient.url, {
          method: 'POST',
          path: '/kyyVideo2/asset/upload',
          body: JSON.stringify({ assetType: 'Audio', url: 'https://example.com/a.wav' }),
        });
        expect(JSON.parse(fresh.text)).toMatchObject({ code: 0, data: {} });
        expect(fresh.text).not.toBe(answers[0]?.text);
      } finally {
        expect(await lenient.stop()).toBe(0);
      }
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'reports a drifting service by operation and field, passes its answers on, and with --strict answers 502',
    async () => {
      const service = await startDriftingService();
      const har = join(dir, 'drift.har');
      const proxy = await startCli(['--port', '0', '--proxy', service.url, '--record', har]);
      const strict = await startCli(['--port', '0', '--quiet', '--proxy', service.url, '--strict']);
      try {
        const uploadCall = {
          method: 'POST',
          path: '/kyyVideo2/asset/upload',
          body: JSON.stringify({ assetType: 'Image', url: 'https://example.com/cat.jpg' }),
        };
        const upload = await send(proxy.url, uploadCall);
        expect(upload.status).toBe(200);
        expect(JSON.parse(upload.text)).toEqual({ code: 0, msg: null, data: { assetId: 12345 } });
        await waitForOutput(
          proxy,
          /spec mismatch in uploadAsset \(POST \/kyyReactApiServer\/kyyVideo2\/asset\/upload\): data\.assetId: expected string, got number/,
        );
        await send(proxy.url, {
          method: 'GET',
          path: '/kyyVideo2/asset/asset-20260101000000-aaaaa',
        });
        await waitForOutput(
          proxy,
          /undocumented answer from getAsset .*: code: 777 is not documented/,
        );
        await send(proxy.url, { method: 'GET', path: '/v1/result/video_1' });
        await waitForOutput(
          proxy,
          /spec mismatch in getVideoTask .*: status: expected one of "queued", "processing", "completed", "failed", got "cancelled"/,
        );

        const refused = await send(strict.url, uploadCall);
        expect(refused.status).toBe(502);
        expect(JSON.parse(refused.text).msg).toMatch(
          /^--strict: .*uploadAsset.*data\.assetId: expected string, got number/,
        );
        await waitForOutput(strict, /spec mismatch in uploadAsset/);
      } finally {
        expect(await proxy.stop()).toBe(0);
        expect(await strict.stop()).toBe(0);
        await service.close();
      }
      const text = await readFile(har, 'utf8');
      // The service echoed the key in a header; the recording and the logs still never hold it.
      expect(text).toContain('x-echo-authorization');
      for (const form of KEY_FORMS) {
        expect(text).not.toContain(form);
        expect(proxy.output()).not.toContain(form);
        expect(strict.output()).not.toContain(form);
      }
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'answers 502 when the service cannot be reached, saying whether sending again is safe',
    async () => {
      // A port that was just free: nothing listens there, so the connection is refused.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const proxy = await startCli([
        '--port',
        '0',
        '--quiet',
        '--proxy',
        `http://127.0.0.1:${port}/kyyReactApiServer`,
      ]);
      try {
        const answer = await send(proxy.url, {
          method: 'POST',
          path: '/kyyVideo2/asset/upload',
          body: JSON.stringify({ assetType: 'Image', url: 'https://example.com/cat.jpg' }),
        });
        expect(answer.status).toBe(502);
        expect(JSON.parse(answer.text)).toMatchObject({ code: 502, data: null });
        expect(answer.text).toContain('ECONNREFUSED');
        expect(answer.text).toContain('never reached it, so sending it again is safe');
      } finally {
        expect(await proxy.stop()).toBe(0);
      }
    },
    PROCESS_TIMEOUT_MS,
  );
});
