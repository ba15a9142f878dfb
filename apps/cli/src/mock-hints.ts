import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { DEFAULT_PORT } from '@kyyvideo/mock/cli';
import { shellWord } from './next-command.js';

/**
 * The command `kyy mock` suggests, which must work when pasted into a POSIX shell. `--mock`
 * supplies a stand-in key itself, but only for the default address; elsewhere the command names
 * the URL and a key (the mock accepts any non-empty one), or kyy would stop at "No API key".
 * When the mock only accepts the key in KYY_MOCK_API_KEY, the command passes that variable on
 * by name, so the key itself is never printed. `--mock` follows the mock's port variable, so it
 * is only suggested when that variable (`portVariable`, as this shell has it) cannot point
 * `--mock` elsewhere.
 */
export function tryCommand(mockUrl: string, keyFromMockEnv = false, portVariable?: string): string {
  const upload = 'assets upload --type Image --url https://example.com/a.png';
  const key = keyFromMockEnv ? 'KYY_API_KEY="$KYY_MOCK_API_KEY" ' : '';
  const port = portVariable?.trim();
  const mockFindsIt = mockUrl === MOCK_BASE_URL && (!port || port === String(DEFAULT_PORT));
  if (mockFindsIt) return `${key}kyy --mock ${upload}`;
  return `${key || 'KYY_API_KEY=any-key '}kyy --base-url ${shellWord(mockUrl)} ${upload}`;
}
