import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { shellWord } from './next-command.js';

/**
 * The command `kyy mock` suggests, which must work when pasted into a POSIX shell. `--mock`
 * supplies a stand-in key itself, but only for the default address; elsewhere the command names
 * the URL and a key (the mock accepts any non-empty one), or kyy would stop at "No API key".
 */
export function tryCommand(mockUrl: string): string {
  const upload = 'assets upload --type Image --url https://example.com/a.png';
  if (mockUrl === MOCK_BASE_URL) return `kyy --mock ${upload}`;
  return `KYY_API_KEY=any-key kyy --base-url ${shellWord(mockUrl)} ${upload}`;
}

/** `listen` failures a person can fix, in kyy's terms; undefined for anything else. */
export function listenFailure(
  error: unknown,
  where: { host: string; port: number },
): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${where.port} on ${where.host} is already in use (is \`pnpm start\`, \`pnpm mock\` or another \`kyy mock\` already running?). Stop it, or pass --port 0 for any free port, or --port <n> for another.`;
  }
  if (code === 'EACCES') {
    return `Not allowed to listen on port ${where.port}; pass --port 0 for any free port, or a port above 1023.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `Cannot listen on host ${JSON.stringify(where.host)}; use an address of this machine, e.g. 127.0.0.1.`;
  }
  return undefined;
}
