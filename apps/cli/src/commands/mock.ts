import { resolve } from 'node:path';
import type { CommandModule } from '../context.js';
import { MockStartError, UsageError } from '../errors.js';
import { listenFailure, tryCommand } from '../mock-hints.js';
import { parseIntegerInRange, parseNonNegativeMs } from '../validate.js';

export interface MockCommandOptions {
  port: number;
  host: string;
  stateFile?: string;
  reviewDelayMs?: number;
  latencyMs?: number;
}

/** The port `kyy --mock` expects, so the two work together without flags. */
const DEFAULT_PORT = 4010;

export const command: CommandModule<MockCommandOptions> = {
  parse(_args, opts) {
    const options: MockCommandOptions = {
      port:
        typeof opts.port === 'string'
          ? parseIntegerInRange(opts.port, '--port', 0, 65_535)
          : DEFAULT_PORT,
      host: typeof opts.host === 'string' ? opts.host : '127.0.0.1',
    };
    if (options.host.trim() === '')
      throw new UsageError('--host must not be empty, e.g. 127.0.0.1.');
    if (typeof opts.state === 'string') options.stateFile = opts.state;
    if (typeof opts.reviewDelay === 'string') {
      options.reviewDelayMs = parseNonNegativeMs(opts.reviewDelay, '--review-delay');
    }
    if (typeof opts.latency === 'string')
      options.latencyMs = parseNonNegativeMs(opts.latency, '--latency');
    return options;
  },

  async run(options, ctx) {
    const { startMockServer } = await import('@kyyvideo/mock/server');
    const server = await startMockServer({
      port: options.port,
      host: options.host,
      ...(options.stateFile !== undefined && { stateFile: resolve(ctx.io.cwd, options.stateFile) }),
      ...(options.reviewDelayMs !== undefined && { reviewDelayMs: options.reviewDelayMs }),
      ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
      // One line per request on stderr, for a human watching; silent with --json or --quiet.
      log: (line: string) => ctx.out.info(line),
    }).catch((error: unknown) => {
      const message = listenFailure(error, options);
      throw message === undefined ? error : new MockStartError(message, { cause: error });
    });
    const c = ctx.out.color;
    // Printed now, not at the end: callers (and tests) read the URL while the server runs.
    ctx.out.result(
      ctx.out.quiet
        ? server.url
        : `${c.green('Mock listening on')} ${c.bold(server.url)}\n` +
            `Try:  ${tryCommand(server.url)}\n` +
            `${c.dim('Mock only: any non-empty key is accepted. Ctrl-C stops it.')}`,
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
