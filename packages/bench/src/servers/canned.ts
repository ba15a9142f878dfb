import { type ChildServer, startChildServer } from '../proc/child-server.js';

const CANNED_SERVER_SCRIPT = new URL('./canned-server.js', import.meta.url).pathname;

/** Starts servers/canned-server.ts (compiled) in its own process. */
export function startCannedServer(): Promise<ChildServer> {
  return startChildServer({
    name: 'canned server',
    command: process.execPath,
    args: [CANNED_SERVER_SCRIPT],
    url: /http:\/\/127\.0\.0\.1:\d+\/kyyReactApiServer/,
  });
}
