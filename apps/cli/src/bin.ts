#!/usr/bin/env node
// The `kyy` executable: a shim that wires Ctrl-C to an AbortSignal and a closed pipe to nothing,
// and hands over to main.
import { ignoreBrokenPipe } from './broken-pipe.js';

ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);
const controller = new AbortController();
const stop = () => {
  // A second Ctrl-C means "now": leave without waiting for in-flight work.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
