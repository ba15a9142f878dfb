#!/usr/bin/env node
// The `kyy` executable: a shim that wires Ctrl-C to an AbortSignal and a closed pipe to nothing,
// and hands over to main.
import { ignoreBrokenPipe } from './broken-pipe.js';

ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);
const controller = new AbortController();
const beforeHardExit: Array<() => void> = [];
const stop = () => {
  // A second Ctrl-C means "now": leave without waiting for in-flight work, but first let the
  // running command put the terminal back and say what it recorded.
  if (controller.signal.aborted) {
    for (const cleanup of beforeHardExit) {
      try {
        cleanup();
      } catch {
        // Exiting matters more than a tidy terminal.
      }
    }
    process.exit(130);
  }
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), {
  signal: controller.signal,
  onSecondInterrupt: (cleanup) => beforeHardExit.push(cleanup),
});
