import { describe, expect, it } from 'vitest';
import {
  createRecordingFetch,
  type Exchange,
  MAX_TEXT_BODY_CHARS,
  viewBody,
} from './recording-fetch.js';

const SECRET = 'sk-live-fedcba9876543210';

/** A clock that moves 5 ms per reading, so durations are known without sleeping. */
function steppingClock(step = 5) {
  let t = 0;
  return () => {
    t += step;
    return t;
  };
}

function recorder(
  answer: (request: Request) => Response | Promise<Response>,
  extraHeaders?: Record<string, string>,
) {
  const exchanges: Exchange[] = [];
  const seen: Request[] = [];
  const fetch = createRecordingFetch({
    fetch: async (input) => {
      const request = input as Request;
      seen.push(request);
      return answer(request);
    },
    now: steppingClock(),
    toCurl: ({ method, url, headers, body }) =>
      `${method} ${url} auth=${headers.get('authorization') === null ? 'none' : 'present'} body=${body ?? ''}`,
    ...(extraHeaders ? { extraHeaders } : {}),
    onExchange: (exchange) => exchanges.push(exchange),
  });
  return { fetch, exchanges, seen };
}

describe('createRecordingFetch', () => {
  it('records status, envelope and duration, and leaves the body readable for the caller', async () => {
    const envelope = { code: 0, msg: null, data: { assetId: 'asset-20260330142158-q75m8' } };
    const { fetch, exchanges } = recorder(() => Response.json(envelope));
    const response = await fetch('http://h/kyyReactApiServer/kyyVideo2/asset/upload', {
      method: 'POST',
      headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
      body: '{"assetType":"Image"}',
    });
    expect(await response.json()).toEqual(envelope);
    expect(exchanges).toEqual([
      {
        attempt: 1,
        method: 'POST',
        url: 'http://h/kyyReactApiServer/kyyVideo2/asset/upload',
        curl: 'POST http://h/kyyReactApiServer/kyyVideo2/asset/upload auth=present body={"assetType":"Image"}',
        durationMs: 5,
        status: 200,
        statusText: '',
        body: { kind: 'json', value: envelope },
      },
    ]);
  });

  it('never keeps the request headers, so the key is not in any record', async () => {
    const { fetch, exchanges } = recorder(() => Response.json({ code: 0 }));
    await fetch(new Request('http://h/x', { headers: { Authorization: `Bearer ${SECRET}` } }));
    expect(JSON.stringify(exchanges)).not.toContain(SECRET);
  });

  it('numbers the attempts of one call', async () => {
    const { fetch, exchanges } = recorder(() => new Response('', { status: 500 }));
    await fetch('http://h/a');
    await fetch('http://h/a');
    expect(exchanges.map((e) => [e.attempt, e.status, e.body])).toEqual([
      [1, 500, { kind: 'empty' }],
      [2, 500, { kind: 'empty' }],
    ]);
  });

  it('records a network error and still throws it to the client', async () => {
    const { fetch, exchanges } = recorder(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetch('http://h/a')).rejects.toThrow('Failed to fetch');
    expect(exchanges).toEqual([
      expect.objectContaining({
        attempt: 1,
        networkError: 'TypeError: Failed to fetch',
        durationMs: 5,
      }),
    ]);
    expect(exchanges[0]?.status).toBeUndefined();
  });

  it('adds the extra headers to what is sent', async () => {
    const { fetch, seen } = recorder(() => Response.json({}), {
      'x-mock-scenario': 'server-error',
    });
    await fetch('http://h/a', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(seen[0]?.headers.get('x-mock-scenario')).toBe('server-error');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(await seen[0]?.text()).toBe('{"a":1}');
  });
});

describe('viewBody', () => {
  it('keeps non-JSON text, cut to the limit', () => {
    expect(viewBody('<html>502</html>')).toEqual({
      kind: 'text',
      text: '<html>502</html>',
      truncated: false,
    });
    const long = viewBody('x'.repeat(MAX_TEXT_BODY_CHARS + 10));
    expect(long.kind === 'text' && [long.text.length, long.truncated]).toEqual([
      MAX_TEXT_BODY_CHARS,
      true,
    ]);
  });
});
