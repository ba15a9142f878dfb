import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../envelope.js';
import { checkAnswer } from './answer-check.js';
import { harEntryJson, redactedHarRequest, replayKey } from './har.js';
import { openHarRecorder } from './har-recorder.js';
import { loadReplay } from './replay.js';

describe('checkAnswer', () => {
  it('accepts the documented answers, the string "0" of delete included', () => {
    const ok = (method: string, path: string, body: unknown) =>
      checkAnswer(method, path, 200, JSON.stringify(body));
    expect(
      ok('DELETE', '/kyyVideo2/asset/asset-20260330142158-q75m8', {
        code: '0',
        msg: '删除成功',
        data: null,
      }),
    ).toEqual({
      operation: 'deleteAsset',
      mismatches: [],
      undocumented: [],
    });
    expect(
      ok('GET', '/kyyVideo2/asset/x', { code: -1, msg: 'not found', data: null })?.mismatches,
    ).toEqual([]);
    expect(
      ok('POST', '/kyyVideo2/asset/upload', { code: 1001, msg: 'x', data: null })?.undocumented,
    ).toEqual([]);
  });

  it('names the field, what the spec wants and what came instead', () => {
    expect(
      checkAnswer(
        'GET',
        '/kyyVideo2/asset/a',
        200,
        JSON.stringify({ code: 0, msg: null, data: { assetId: 'asset-20260330142158-q75m8' } }),
      )?.mismatches,
    ).toContain('data.name: expected string, got nothing');
    expect(
      checkAnswer(
        'GET',
        '/kyyVideo2/asset/a',
        200,
        JSON.stringify({ code: 'E42', msg: null, data: null }),
      )?.mismatches,
    ).toEqual(['code: invalid input (got string "E42")']);
    expect(checkAnswer('POST', '/kyyVideo2/asset/upload', 200, '<html>')?.mismatches).toEqual([
      'body: expected JSON, got other text',
    ]);
  });

  it('leaves alone what the spec does not describe', () => {
    expect(checkAnswer('GET', '/mock-media/sample-image.png', 200, 'PNG')).toBeNull();
    // The video endpoints' failures are undocumented: anything goes.
    expect(checkAnswer('GET', '/v1/result/video_x', 404, 'nope')?.mismatches).toEqual([]);
  });
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-har-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the HAR recorder and replay', () => {
  it('keeps the file a valid HAR before close (as after a crash) and replays repeats in order, then the last', async () => {
    const file = join(dir, 'r.har');
    const recorder = await openHarRecorder(file, '0.0.0', () => {});
    const headers = { authorization: 'Bearer sk-secret-1', 'content-type': 'application/json' };
    const exchange = (status: string) => ({
      started: new Date(),
      durationMs: 3,
      method: 'GET',
      url: 'https://example.com/kyyReactApiServer/kyyVideo2/asset/a?x=sk-secret-1',
      headers,
      body: '',
      response: json({ code: 0, status }),
    });
    recorder.record(exchange('Processing'), ['sk-secret-1']);
    recorder.record(exchange('Active'), ['sk-secret-1']);
    // Not closed: every rewrite is atomic, so whatever is on disk parses.
    await expect
      .poll(async () => JSON.parse(await readFile(file, 'utf8')).log.entries.length)
      .toBe(2);
    await recorder.close();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('sk-secret-1');

    const replay = await loadReplay(file);
    // Another key, another host: the request is the same call.
    const again = redactedHarRequest(
      'GET',
      'http://127.0.0.1:4500/kyyReactApiServer/kyyVideo2/asset/a?x=sk-other',
      { authorization: 'Bearer sk-other' },
      '',
      ['sk-other'],
    );
    const statuses = [1, 2, 3].map((_) => JSON.parse(String(replay.answer(again)?.body)).status);
    expect(statuses).toEqual(['Processing', 'Active', 'Active']);
    const withoutKey = redactedHarRequest('GET', again.url, {}, '', []);
    expect(replayKey(withoutKey)).not.toBe(replayKey(again));
    expect(replay.answer(withoutKey)).toBeUndefined();
  });

  it('masks a key that looks like JSON punctuation without breaking the file', () => {
    const key = '","x":"';
    const text = harEntryJson(
      {
        started: new Date(),
        durationMs: 1,
        method: 'POST',
        url: 'https://example.com/kyyReactApiServer/kyyVideo2/asset/upload',
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({ name: key }),
        response: json({ code: 0, echoed: key }),
      },
      [key],
    );
    const entry = JSON.parse(text);
    expect(entry.request.headers).toEqual([{ name: 'authorization', value: 'Bearer [redacted]' }]);
    expect(JSON.stringify(entry)).not.toContain('"x":');
    expect(entry.response.content.text).not.toContain('x":"');
  });

  it('refuses a file that is not HAR, naming it', async () => {
    const file = join(dir, 'x.har');
    await expect(loadReplay(file)).rejects.toThrow(
      `Cannot read recording ${file}: it does not exist`,
    );
    await openHarRecorder(join(dir, 'ok.har'), '0', () => {});
    await expect(openHarRecorder(dir, '0', () => {})).rejects.toThrow(
      /is a directory: --record takes a file/,
    );
  });
});
