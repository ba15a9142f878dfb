import { createColors } from 'picocolors';
import type { Io, OutStream } from './io.js';

export type Colors = ReturnType<typeof createColors>;

/**
 * Colours only when the stream is a terminal and the user has not opted out: NO_COLOR (any
 * non-empty value, see no-color.org) or a dumb terminal. FORCE_COLOR is deliberately not honoured
 * because colour codes must never reach a pipe or a file.
 */
export function useColor(stream: OutStream, env: Io['env']): boolean {
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export function colorsFor(stream: OutStream, env: Io['env']): Colors {
  return createColors(useColor(stream, env));
}
