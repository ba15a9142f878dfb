import { join } from 'node:path';
import { REPO_ROOT } from '../config.js';
import { peerBin } from '../peers/install-peers.js';
import { type ChildServer, startChildServer } from '../proc/child-server.js';
import { freePort } from '../proc/free-port.js';

export const SPEC_PATH = join(REPO_ROOT, 'spec', 'openapi.yaml');

/**
 * Prism mocking spec/openapi.yaml with its defaults (static examples, request validation, single
 * process), except logging: Prism logs several lines per request at its default level, which
 * would benchmark its logger, so it runs at `error` like our mock, which logs nothing per
 * request. Prism ignores the spec's server path, so its URL has no /kyyReactApiServer prefix.
 */
export async function startPrism(cacheDir: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startChildServer({
    name: 'Prism',
    command: process.execPath,
    args: [
      peerBin(cacheDir, '@stoplight/prism-cli', 'prism'),
      'mock',
      SPEC_PATH,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--verboseLevel',
      'error',
    ],
    url,
  });
}
