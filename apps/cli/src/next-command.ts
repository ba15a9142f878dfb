import type { GlobalOptions } from './context.js';

/** A word the shell passes through unchanged; anything else is single-quoted. */
const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

export function shellWord(value: string): string {
  return SHELL_SAFE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A kyy command to run next, aimed where this one was: the same --mock, --base-url and
 * --api-key-file (a path, never the key), so that pasting it reaches the same service.
 */
export function kyyCommand(globals: Partial<GlobalOptions> | undefined, rest: string): string {
  const flags: string[] = [];
  if (globals?.mock) flags.push('--mock');
  if (globals?.baseUrl !== undefined) flags.push('--base-url', shellWord(globals.baseUrl));
  if (globals?.apiKeyFile !== undefined)
    flags.push('--api-key-file', shellWord(globals.apiKeyFile));
  return ['kyy', ...flags, rest].join(' ');
}
