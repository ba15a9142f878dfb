import type { AssetsApi, VideosApi } from './client-types.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { printErrorReport, toErrorReport } from './error-boundary.js';
import { EXIT } from './exit-codes.js';
import { type Io, processIo } from './io.js';
import { readKeyFileSecret } from './key-file-secret.js';
import { Output } from './output.js';
import { buildProgram } from './program.js';
import { Redactor } from './redact.js';

export interface MainOptions {
  io?: Io;
  /** Aborted on Ctrl-C by the bin shim. */
  signal?: AbortSignal;
  /** Registers what must run before the shim exits on a second Ctrl-C. */
  onSecondInterrupt?: (cleanup: () => void) => void;
  /** Replaces the real client (unit tests). */
  createAssets?: (connection: { baseUrl: string; apiKey: string }) => Promise<AssetsApi>;
  /** Replaces the real client's video calls (unit tests). */
  createVideos?: (connection: { baseUrl: string; apiKey: string }) => Promise<VideosApi>;
}

async function createRealVideos(connection: {
  baseUrl: string;
  apiKey: string;
}): Promise<VideosApi> {
  const [{ createKyyClient }, { downloadToFile }] = await Promise.all([
    import('@kyyvideo/client'),
    import('@kyyvideo/client/node'),
  ]);
  const client = createKyyClient({ apiKey: connection.apiKey, baseUrl: connection.baseUrl });
  return {
    videos: client.videos,
    generate: client.generate,
    saveVideo: (taskOrUrl, path, opts) => downloadToFile(client, taskOrUrl, path, opts),
  };
}

async function createRealAssets(connection: {
  baseUrl: string;
  apiKey: string;
}): Promise<AssetsApi> {
  const { createKyyClient } = await import('@kyyvideo/client');
  const client = createKyyClient({ apiKey: connection.apiKey, baseUrl: connection.baseUrl });
  const assets: AssetsApi = client.assets;
  return assets;
}

/** Runs kyy with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const rawIo = options.io ?? processIo();
  const redactor = new Redactor();
  redactor.add(rawIo.env.KYY_API_KEY?.trim());
  const io: Io = {
    ...rawIo,
    stdout: redactor.wrap(rawIo.stdout),
    stderr: redactor.wrap(rawIo.stderr),
  };
  const signal = options.signal ?? new AbortController().signal;
  const createAssets = options.createAssets ?? createRealAssets;
  const createVideos = options.createVideos ?? createRealVideos;

  let out: Output | undefined;
  let exitCode: number = EXIT.ok;

  // The target flags of the command that ran, so that hints repeat them.
  let target: GlobalOptions | undefined;
  const context = (globals: GlobalOptions): CommandContext => {
    target = globals;
    out = new Output(io.stdout, io.stderr, io.env, globals);
    let assets: Promise<AssetsApi> | undefined;
    let videos: Promise<VideosApi> | undefined;
    let connection: ReturnType<typeof connect> | undefined;
    // The key and base URL are resolved once, whichever API asks first.
    function connect() {
      return import('./connection.js')
        .then(({ resolveConnection }) => resolveConnection(globals, io))
        .then((resolved) => {
          // Usually registered already (above); this covers a FIFO or a file that changed since.
          redactor.add(resolved.apiKey);
          return resolved;
        });
    }
    return {
      io,
      out,
      globals,
      signal,
      redact: (text) => redactor.apply(text),
      ...(options.onSecondInterrupt && { onSecondInterrupt: options.onSecondInterrupt }),
      interactive: Boolean(rawIo.stdin.isTTY && rawIo.stderr.isTTY),
      // Loaded on use, like the commands: `kyy --help` must not pay for readline or the
      // contract's schemas.
      confirm: async (question) => {
        const { confirmOnTerminal } = await import('./confirm.js');
        return confirmOnTerminal(question, rawIo.stdin, io.stderr, signal);
      },
      assets: () => {
        connection ??= connect();
        assets ??= connection.then(createAssets);
        return assets;
      },
      videos: () => {
        connection ??= connect();
        videos ??= connection.then(createVideos);
        return videos;
      },
    };
  };

  const program = buildProgram({
    io,
    context,
    done: (code) => {
      exitCode = code;
    },
    secret: (value) => redactor.add(value),
    keyFile: (path) => redactor.add(readKeyFileSecret(path, rawIo.cwd)),
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const report = toErrorReport(error, target);
    // Before any command ran (usage errors), the mode is what commander parsed so far.
    const opts = program.opts();
    out ??= new Output(io.stdout, io.stderr, io.env, {
      json: opts.json === true,
      quiet: opts.quiet === true,
    });
    printErrorReport(report, out, target);
    return report.exitCode;
  }
}
