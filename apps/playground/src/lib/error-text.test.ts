import {
  KyyApiError,
  KyyAssetFailedError,
  KyyAuthenticationError,
  KyyConnectionError,
  KyyCreateOutcomeUnknownError,
  KyyInputError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
  KyyVideoFailedError,
  KyyWaitTimeoutError,
} from '@kyyvideo/client';
import { SECRET_MASK } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { describeError } from './error-text.js';

const SECRET = 'sk-live-aaaabbbbccccdddd';

const TASK_ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';

describe('describeError for video tasks', () => {
  it('says a task id is unknown, not an asset id', () => {
    const error = new KyyNotFoundError('404', { operation: 'video-get', httpStatus: 404 });
    expect(describeError(error, { target: 'browser-mock' }).title).toBe(
      'No video task has this id.',
    );
  });

  it('carries the service’s own reason for a failed task', () => {
    const task = {
      id: TASK_ID,
      object: 'video',
      created: 1774836724,
      model: 'kyyvideo2',
      status: 'failed',
      video_url: null,
      error: 'content policy',
    } as const;
    const error = new KyyVideoFailedError('failed', { operation: 'video-wait', task });
    expect(describeError(error, { target: 'real' }).title).toBe(
      'The video task failed: content policy.',
    );
  });

  it('ends the sentence once when the service’s reason has its own full stop', () => {
    const task = {
      id: 'video_x',
      object: 'video',
      created: 1,
      model: 'kyyvideo2',
      status: 'failed',
      video_url: null,
      error: 'The prompt asked the mock to fail. ',
    } as const;
    const error = new KyyVideoFailedError('failed', { operation: 'video-wait', task });
    expect(describeError(error, { target: 'browser-mock' }).title).toBe(
      'The video task failed: The prompt asked the mock to fail.',
    );
    const refused = new KyyApiError('refused', {
      operation: 'upload',
      code: 1002,
      msg: '参数错误。',
    });
    expect(describeError(refused, { target: 'real' }).title).toBe(
      'The service refused the call with code 1002: 参数错误。',
    );
  });

  it('never advises resending a create whose outcome is unknown, and names a known task', () => {
    const unknown = new KyyCreateOutcomeUnknownError('500', {
      operation: 'video-create',
      httpStatus: 500,
    });
    const text = describeError(unknown, { target: 'real' });
    expect(text.title).toBe(
      'Creating the task may or may not have started one (the service answered HTTP 500).',
    );
    expect(text.next).toMatch(/^Do not simply resend/);
    const named = new KyyCreateOutcomeUnknownError('bad body', {
      operation: 'video-create',
      taskId: TASK_ID,
    });
    expect(describeError(named, { target: 'real' }).next).toContain(`task ${TASK_ID}`);
  });

  it('says a timed-out video wait leaves the task running', () => {
    const error = new KyyWaitTimeoutError('timeout', {
      operation: 'video-wait',
      lastStatus: 'processing',
    });
    expect(describeError(error, { target: 'real' }).title).toBe(
      'The video was not done when the wait ran out (last status: processing).',
    );
  });
});

describe('describeError', () => {
  it('says what a not-found means and what to do', () => {
    const text = describeError(
      new KyyNotFoundError('No asset asset-20260330142158-q75m8.', {
        operation: 'get',
        code: -1,
        httpStatus: 200,
      }),
      { target: 'browser-mock' },
    );
    expect(text).toEqual({
      kind: 'KyyNotFoundError',
      title: 'No asset has this id.',
      next: 'It never existed, or it was deleted (deletion is permanent). Check the id, or pick one from this session’s assets.',
      detail: 'No asset asset-20260330142158-q75m8.',
      code: -1,
      httpStatus: 200,
    });
  });

  it('gives target-specific advice for a refused key and a failed connection', () => {
    const auth = new KyyAuthenticationError('401', { operation: 'upload', httpStatus: 401 });
    expect(describeError(auth, { target: 'real' }).next).toMatch(/^Check the API key you entered/);
    expect(describeError(auth, { target: 'local-server' }).next).toMatch(/--api-key/);

    const refused = new KyyConnectionError('refused', { operation: 'get', provablyNotSent: true });
    expect(
      describeError(refused, {
        target: 'local-server',
        baseUrl: 'http://127.0.0.1:4010/kyyReactApiServer',
      }).next,
    ).toBe(
      'Start the local mock server with `pnpm mock` (or `pnpm start`, which runs it with this playground) and check that it listens at http://127.0.0.1:4010/kyyReactApiServer.',
    );
    expect(describeError(refused, { target: 'real' }).next).toMatch(/proxy/);
  });

  it('turns Retry-After into a concrete wait', () => {
    const error = new KyyRateLimitError('429', {
      operation: 'get',
      httpStatus: 429,
      retryAfterMs: 1_200,
    });
    expect(describeError(error, { target: 'browser-mock' }).next).toBe(
      'Wait 2 seconds and try again.',
    );
  });

  it('tells a gateway failure from an internal error', () => {
    const error = new KyyServerError('502', { operation: 'delete', httpStatus: 502 });
    expect(describeError(error, { target: 'real' }).title).toBe(
      'A gateway in front of the service could not get an answer from it (HTTP 502).',
    );
  });

  it('tells the HTTP status of a server error and how often get was tried', () => {
    const error = new KyyServerError('500', { operation: 'get', httpStatus: 500, attempts: 3 });
    expect(describeError(error, { target: 'browser-mock' })).toMatchObject({
      title: 'The service had an internal problem (HTTP 500).',
      next: 'Try again in a moment (the client already tried 3 times).',
    });
  });

  it('warns against blindly resending an upload of unknown outcome, and says why it is unknown', () => {
    const cause = new KyyServerError('502', { operation: 'upload', httpStatus: 502 });
    const error = new KyyUploadOutcomeUnknownError('maybe', { operation: 'upload', cause });
    const text = describeError(error, { target: 'real' });
    expect(text.title).toBe(
      'The upload may or may not have created an asset (the service answered HTTP 502).',
    );
    expect(text.next).toMatch(/^Do not simply resend/);
    const timedOut = new KyyUploadOutcomeUnknownError('maybe', {
      operation: 'upload',
      cause: new KyyTimeoutError('slow', { operation: 'upload' }),
    });
    expect(describeError(timedOut, { target: 'real' }).title).toBe(
      'The upload may or may not have created an asset (no answer in time).',
    );
  });

  it('names the final Failed status, the last status of a timed-out wait, and undocumented codes', () => {
    const asset = {
      name: null,
      assetId: 'asset-20260330142158-q75m8',
      status: 'Failed' as const,
      assetType: 'Image' as const,
      url: 'https://example.com/reject.jpg',
      createTime: '2026-03-30 14:21:58',
    };
    expect(
      describeError(new KyyAssetFailedError('f', { operation: 'wait', asset }), { target: 'real' })
        .title,
    ).toBe('Review rejected this asset: its status is Failed, which is final.');
    expect(
      describeError(new KyyWaitTimeoutError('t', { operation: 'wait', lastStatus: 'Processing' }), {
        target: 'real',
      }).title,
    ).toBe('Still not Active when the wait ran out (last status: Processing).');
    expect(
      describeError(new KyyApiError('x', { operation: 'upload', code: 400, msg: 'bad url' }), {
        target: 'real',
      }).title,
    ).toBe('The service refused the call with code 400: bad url.');
  });

  it('adapts the 1001 advice to the target', () => {
    const error = new KyyUrlUnreachableError('1001', { operation: 'upload', code: 1001 });
    expect(describeError(error, { target: 'browser-mock' }).next).toMatch(/\.invalid/);
    expect(describeError(error, { target: 'real' }).next).toMatch(/anyone on the internet/);
  });

  it('never repeats the key, even if a message carried it', () => {
    const error = new KyyInputError(`bad key ${SECRET}`, { operation: 'input' });
    const text = describeError(error, { target: 'real', secret: SECRET });
    expect(JSON.stringify(text)).not.toContain(SECRET);
    expect(text.detail).toBe(`bad key ${SECRET_MASK}`);
  });

  it('describes errors that do not come from the client', () => {
    const text = describeError(new RangeError(`oops ${SECRET}`), {
      target: 'real',
      secret: SECRET,
    });
    expect(text.kind).toBe('RangeError');
    expect(text.detail).toBe(`RangeError: oops ${SECRET_MASK}`);
  });
});
