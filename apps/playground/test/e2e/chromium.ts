import { existsSync } from 'node:fs';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless Chromium that only talks to loopback. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const MISSING_CHROMIUM = `e2e skipped: no Chromium at ${CHROME_PATH}. Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), or set CHROME_PATH to a Chrome or Chromium binary.`;

export type ChromiumAvailability = 'present' | 'skip' | 'fail';

/** Locally a missing browser skips the e2e tests; in CI it must fail, never pass silently. */
export function chromiumAvailability(): ChromiumAvailability {
  if (existsSync(CHROME_PATH)) return 'present';
  return process.env.CI === 'true' ? 'fail' : 'skip';
}
