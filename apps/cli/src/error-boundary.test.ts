import { describe, expect, it } from 'vitest';
import { toErrorReport } from './error-boundary.js';
import { UsageError } from './errors.js';

const named = (name: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), { name, ...fields });

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
  });
});
