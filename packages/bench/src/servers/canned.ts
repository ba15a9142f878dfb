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

const CEILING_SERVER_SCRIPT = new URL('./ceiling-server.js', import.meta.url).pathname;

/** Starts servers/ceiling-server.ts (compiled) in its own process: the bare node:http ceiling. */
export function startCeilingServer(): Promise<ChildServer> {
  return startChildServer({
    name: 'node:http ceiling',
    command: process.execPath,
    args: [CEILING_SERVER_SCRIPT],
    url: /http:\/\/127\.0\.0\.1:\d+\/kyyReactApiServer/,
  });
}
