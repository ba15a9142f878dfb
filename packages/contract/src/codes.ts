import { DOCUMENTED_CODES } from './constants.js';

/**
 * True for the envelope's success code. The documentation sends the number `0` for upload and
 * detail but the string `"0"` for delete; both mean success, nothing else does.
 */
export function isSuccessCode(code: unknown): code is 0 | '0' {
  return code === 0 || code === '0';
}

/** The documented meaning of an envelope code, or `undefined` when the docs do not name it. */
export function describeCode(code: unknown): keyof typeof DOCUMENTED_CODES | undefined {
  if (isSuccessCode(code)) return 'success';
  const n = typeof code === 'string' && code.trim() !== '' ? Number(code) : code;
  if (n === DOCUMENTED_CODES.urlUnreachable) return 'urlUnreachable';
  if (n === DOCUMENTED_CODES.notFound) return 'notFound';
  return undefined;
}
