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
