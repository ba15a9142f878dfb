import { resolve } from 'node:path';
import {
  describeListenError,
  type MockCliSettings,
  MockUsageError,
  PORT_ENV,
  parseMockCliOptions,
} from '@kyyvideo/mock/cli';
import type { Colors } from '../color.js';
import type { CommandContext } from '../context.js';
import { MockStartError, UsageError } from '../errors.js';
import { tryCommand } from '../mock-hints.js';

// The flags, their parsing and their messages belong to @kyyvideo/mock/cli, shared with
// `kyy-mock`; this command only adapts them to kyy's output and error handling.
export type MockCommandOptions = MockCliSettings;

/** What `kyy mock` prints once listening: where, what answers, and a command to try. */
function describeServer(
  url: string,
  options: MockCommandOptions,
  portVariable: string | undefined,
  c: Colors,
): string {
  if (options.proxy !== undefined) {
    // Every request reaches the real service now, and an upload costs money: nothing to "try".
    return (
      `${c.green('Proxy listening on')} ${c.bold(url)}\n` +
      `${c.dim(`Forwards to ${options.proxy} with each caller's key (never logged or recorded) and checks every answer against the spec. Ctrl-C stops it.`)}`
    );
  }
  const keyNote =
    options.apiKey === undefined
      ? 'Mock only: any non-empty key is accepted. Ctrl-C stops it.'
      : 'Mock only: only the key in KYY_MOCK_API_KEY is accepted. Ctrl-C stops it.';
  const replayNote = options.replayFile === undefined ? '' : `Replaying ${options.replayFile}.\n`;
  return (
    `${c.green('Mock listening on')} ${c.bold(url)}\n${replayNote}` +
    `Try:  ${tryCommand(url, options.apiKey !== undefined, portVariable)}\n` +
    `${c.dim(keyNote)}`
  );
}

/** The flags as commander hands them over; the mock's own parser types and checks them. */
export type MockFlags = Readonly<Record<string, unknown>>;

function parseFlags(flags: MockFlags, env: CommandContext['io']['env']): MockCommandOptions {
  try {
    return parseMockCliOptions(flags, env);
  } catch (error) {
    if (error instanceof MockUsageError) throw new UsageError(error.message);
    throw error;
  }
}

/** `kyy mock`: runs the standalone mock server until Ctrl-C. */
export async function mock(flags: MockFlags, ctx: CommandContext): Promise<undefined> {
  const options = parseFlags(flags, ctx.io.env);
  const { startMockServer } = await import('@kyyvideo/mock/server');
  const server = await startMockServer({
    ...options,
    ...(options.stateFile !== undefined && { stateFile: resolve(ctx.io.cwd, options.stateFile) }),
    ...(options.recordFile !== undefined && {
      recordFile: resolve(ctx.io.cwd, options.recordFile),
    }),
    ...(options.replayFile !== undefined && {
      replayFile: resolve(ctx.io.cwd, options.replayFile),
    }),
    // One line per request on stderr, for a human watching; silent with --json or --quiet.
    log: (line: string) => ctx.out.info(line),
    // Failures of the mock itself are reported even then.
    onError: (line: string) => ctx.io.stderr.write(`kyy mock: ${line}\n`),
  }).catch((error: unknown) => {
    const message = describeListenError(error, options);
    throw message === undefined ? error : new MockStartError(message, { cause: error });
  });
  const c = ctx.out.color;
  // Printed now, not at the end: callers (and tests) read the URL while the server runs.
  ctx.out.result(
    ctx.out.quiet ? server.url : describeServer(server.url, options, ctx.io.env[PORT_ENV], c),
    { url: server.url, port: server.port },
  );
  await new Promise<void>((done) => {
    if (ctx.signal.aborted) done();
    else ctx.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  ctx.out.info('Mock stopped.');
  return undefined;
}
