import { type ChildServer, startChildServer } from '../proc/child-server.js';
import { freePort } from '../proc/free-port.js';
import { workspaceBin } from './workspace-bins.js';

/**
 * The standalone mock as users run it: the `kyy-mock` bin in its own process, so its memory can
 * be read from /proc and the load generator does not share its event loop. `--quiet` turns off
 * its per-request log line, as Prism runs at `--verboseLevel error`: neither logs per request.
 */
export async function startMock(extraArgs: string[] = []): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: 'kyy-mock',
    command: process.execPath,
    args: [
      workspaceBin('@kyyvideo/mock', 'kyy-mock'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...extraArgs,
    ],
    url: `http://127.0.0.1:${port}/kyyReactApiServer`,
  });
}
