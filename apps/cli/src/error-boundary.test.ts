import * as clientErrors from '@kyyvideo/client/errors';
import { DOCUMENTED_POLL_TIMEOUT_MS } from '@kyyvideo/contract/rules';
import { describe, expect, it } from 'vitest';
import { printErrorReport, toErrorReport } from './error-boundary.js';
import { UsageError } from './errors.js';
import { CommandFailure, withContext } from './failure.js';
import { Output } from './output.js';

/** A real client error of the class with this name (the CLI switches on its `kind`). */
const named = (name: string, fields: Record<string, unknown> = {}) => {
  const Class = (clientErrors as unknown as Record<string, typeof clientErrors.KyyError>)[name];
  if (!Class) return Object.assign(new Error(`${name} message`), { name, ...fields });
  return Object.assign(new Class(`${name} message`, { operation: 'get' }), fields);
};

describe('toErrorReport', () => {
  it('maps each kind of failure to its documented exit code', () => {
    expect(toErrorReport(new UsageError('x')).exitCode).toBe(2);
    expect(toErrorReport(named('KyyInputError')).exitCode).toBe(2);
    expect(toErrorReport(named('KyyNotFoundError')).exitCode).toBe(1);
    expect(toErrorReport(named('KyyConnectionError')).exitCode).toBe(1);
    expect(toErrorReport(named('KyyAssetFailedError')).exitCode).toBe(3);
    expect(toErrorReport(named('KyyWaitTimeoutError')).exitCode).toBe(4);
    expect(toErrorReport(named('KyyAbortError')).exitCode).toBe(130);
    expect(toErrorReport('thrown string').exitCode).toBe(1);
  });

  it('an error that carries a resume command (something was sent) is never exit 2', () => {
    const next = 'kyy videos wait video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd --out cat.mp4';
    for (const error of [named('KyyInputError'), new UsageError('x')]) {
      const report = toErrorReport(new CommandFailure(error, { next }));
      expect(report.exitCode).toBe(1);
      expect(report.next).toBe(next);
    }
    const timedOut = new CommandFailure(named('KyyWaitTimeoutError'), { next });
    expect(toErrorReport(timedOut).exitCode).toBe(4);
  });

  it("reports kyy's context beside the client error, which it leaves as thrown", () => {
    const error = new clientErrors.KyyWaitTimeoutError('timed out', {
      operation: 'wait',
      lastStatus: 'Processing',
    });
    const wrapped = withContext(error, {
      assetId: 'asset-20260330142158-q75m8',
      timeoutSeconds: 2,
    });
    expect(error).not.toHaveProperty('timeoutSeconds');
    expect(error.assetId).toBeUndefined();
    const report = toErrorReport(wrapped);
    expect(report).toMatchObject({
      type: 'KyyWaitTimeoutError',
      kind: 'wait-timeout',
      exitCode: 4,
    });
    expect(report.details).toEqual({
      operation: 'wait',
      assetId: 'asset-20260330142158-q75m8',
      lastStatus: 'Processing',
    });
    expect(report.message).toMatch(
      /^Asset "asset-20260330142158-q75m8" was not Active after 2 s \(last status: Processing\)/,
    );
    // A second wrapper adds what the first lacked and keeps what it had; the client's own id wins.
    const again = withContext(wrapped, { assetId: 'asset-20260330142158-zzzzz', next: 'kyy x' });
    expect(again).toBeInstanceOf(CommandFailure);
    expect((again as CommandFailure).error).toBe(error);
    expect((again as CommandFailure).context).toEqual({
      assetId: 'asset-20260330142158-q75m8',
      timeoutSeconds: 2,
      next: 'kyy x',
    });
    const own = new clientErrors.KyyNotFoundError('gone', { operation: 'get', assetId: 'asset-1' });
    expect(toErrorReport(withContext(own, { assetId: 'asset-2' })).details.assetId).toBe('asset-1');
  });

  it('a failed video task exits 6, also as a step of generate, whose cause decides', () => {
    const task = {
      id: 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd',
      object: 'video' as const,
      created: 1,
      model: 'kyyvideo2',
      status: 'failed' as const,
      video_url: null,
      error: 'no',
    };
    const failed = new clientErrors.KyyVideoFailedError('failed', {
      operation: 'video-wait',
      taskId: task.id,
      task,
    });
    expect(toErrorReport(failed).exitCode).toBe(6);
    const step = (cause: clientErrors.KyyError) =>
      new clientErrors.KyyGenerateError('stopped', {
        operation: 'generate',
        step: 'wait',
        assets: [],
        cause,
        taskId: task.id,
      });
    expect(toErrorReport(step(failed)).exitCode).toBe(6);
    expect(toErrorReport(step(failed)).details).toMatchObject({ taskId: task.id, step: 'wait' });
    expect(toErrorReport(step(named('KyyAbortError') as clientErrors.KyyError)).exitCode).toBe(130);
    expect(
      toErrorReport(step(named('KyyAssetFailedError') as clientErrors.KyyError)).exitCode,
    ).toBe(3);
  });

  it('keeps the useful fields of a client error and nothing else', () => {
    const report = toErrorReport(
      named('KyyUrlUnreachableError', {
        code: 1001,
        msg: 'nope',
        httpStatus: 200,
        operation: 'upload',
        headers: { a: 1 },
      }),
    );
    expect(report.details).toEqual({
      code: 1001,
      msg: 'nope',
      httpStatus: 200,
      operation: 'upload',
    });
  });

  it('treats commander help and version as success and its errors as usage errors', () => {
    const commander = (code: string, exitCode: number) =>
      Object.assign(new Error(`error: ${code}`), { code, exitCode });
    expect(toErrorReport(commander('commander.helpDisplayed', 0)).exitCode).toBe(0);
    const unknown = toErrorReport(commander('commander.unknownOption', 1));
    expect(unknown).toMatchObject({ exitCode: 2, message: 'commander.unknownOption' });
    const conflict = Object.assign(
      new Error("error: option '--mock' cannot be used with option '--base-url <url>'"),
      { code: 'commander.conflictingOption', exitCode: 1 },
    );
    expect(toErrorReport(conflict)).toMatchObject({
      exitCode: 2,
      message: 'Use either --mock or --base-url, not both.',
    });
  });

  it("speaks of --timeout where the client's wait-timeout message names its timeoutMs", () => {
    const clientMessage =
      'Asset "asset-20260330142158-q75m8" was not Active after 1 s (last status: Processing). Review can take longer for images with faces; wait again with a larger timeoutMs.';
    const wait = toErrorReport(named('KyyWaitTimeoutError', { assetId: 'a' }));
    expect(wait.message).toBe('KyyWaitTimeoutError message');
    const report = toErrorReport(
      new clientErrors.KyyWaitTimeoutError(clientMessage, { operation: 'wait' }),
    );
    expect(report.message).toMatch(/wait again with a larger --timeout\.$/);
    expect(report.message).not.toContain('timeoutMs');
    // The per-request timeout has no kyy flag, so that message keeps its wording.
    const request = new clientErrors.KyyTimeoutError('try again, or raise timeoutMs.', {
      operation: 'get',
    });
    expect(toErrorReport(request).message).toBe('try again, or raise timeoutMs.');
  });
});

describe('printErrorReport', () => {
  const print = (mode: { json: boolean; quiet: boolean }) => {
    let stderr = '';
    const stream = { write: (s: string) => (stderr += s) };
    const report = toErrorReport(
      named('KyyWaitTimeoutError', { assetId: 'asset-20260330142158-q75m8' }),
    );
    printErrorReport(report, new Output(stream, stream, { NO_COLOR: '1' }, mode));
    return stderr;
  };
  // Twice the documented limit, from the contract.
  const next = `Keep waiting with: kyy assets wait asset-20260330142158-q75m8 --timeout ${(2 * DOCUMENTED_POLL_TIMEOUT_MS) / 1000}`;

  it('gives the next step as "hint" in the JSON error, as it does for humans', () => {
    const doc = JSON.parse(print({ json: true, quiet: false })) as { error: unknown };
    expect(doc.error).toMatchObject({ type: 'KyyWaitTimeoutError', exitCode: 4, hint: next });
    expect(print({ json: false, quiet: false })).toContain(`\n${next}\n`);
    expect(print({ json: false, quiet: true })).not.toContain(next);
  });

  it('has no "hint" field when there is no next step to suggest', () => {
    let stderr = '';
    const stream = { write: (s: string) => (stderr += s) };
    printErrorReport(
      toErrorReport(named('KyyNotFoundError')),
      new Output(stream, stream, {}, { json: true, quiet: false }),
    );
    expect(JSON.parse(stderr).error).not.toHaveProperty('hint');
  });
});
