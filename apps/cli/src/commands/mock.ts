import { resolve } from 'node:path';
import {
  describeListenError,
  type MockCliSettings,
  MockUsageError,
  PORT_ENV,
  parseMockCliOptions,
} from '@kyyvideo/mock/cli';
import type { CommandModule } from '../context.js';
import { MockStartError, UsageError } from '../errors.js';
import { tryCommand } from '../mock-hints.js';

// The flags, their parsing and their messages belong to @kyyvideo/mock/cli, shared with
// `kyy-mock`; this command only adapts them to kyy's output and error handling.
export type MockCommandOptions = MockCliSettings;

export const command: CommandModule<MockCommandOptions> = {
  parse(_args, opts) {
    try {
      return parseMockCliOptions(opts, process.env);
    } catch (error) {
      if (error instanceof MockUsageError) throw new UsageError(error.message);
      throw error;
    }
  },

  async run(options, ctx) {
    const { startMockServer } = await import('@kyyvideo/mock/server');
    const server = await startMockServer({
      ...options,
      ...(options.stateFile !== undefined && { stateFile: resolve(ctx.io.cwd, options.stateFile) }),
      // One line per request on stderr, for a human watching; silent with --json or --quiet.
      log: (line: string) => ctx.out.info(line),
      // Failures of the mock itself are reported even then.
      onError: (line: string) => ctx.io.stderr.write(`kyy mock: ${line}\n`),
    }).catch((error: unknown) => {
      const message = describeListenError(error, options);
      throw message === undefined ? error : new MockStartError(message, { cause: error });
    });
    const c = ctx.out.color;
    const keyNote =
      options.apiKey === undefined
        ? 'Mock only: any non-empty key is accepted. Ctrl-C stops it.'
        : 'Mock only: only the key in KYY_MOCK_API_KEY is accepted. Ctrl-C stops it.';
    // Printed now, not at the end: callers (and tests) read the URL while the server runs.
    ctx.out.result(
      ctx.out.quiet
        ? server.url
        : `${c.green('Mock listening on')} ${c.bold(server.url)}\n` +
            `Try:  ${tryCommand(server.url, options.apiKey !== undefined, ctx.io.env[PORT_ENV])}\n` +
            `${c.dim(keyNote)}`,
      { url: server.url, port: server.port },
    );
    await new Promise<void>((done) => {
      if (ctx.signal.aborted) done();
      else ctx.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.close();
    ctx.out.info('Mock stopped.');
    return undefined;
  },
};
