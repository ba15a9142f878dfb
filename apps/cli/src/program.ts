import { Command, CommanderError } from '@commander-js/extra-typings';
import { useColor } from './color.js';
import type { CommandContext, CommandResult, GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { EXIT_CODE_HELP } from './exit-codes.js';
import {
  addGlobalOptions,
  type GlobalFlags,
  type KyyProgram,
  readGlobals,
} from './global-options.js';
import type { Io } from './io.js';
import {
  examples,
  type Runner,
  registerCommands,
  registerMock,
  registerVideoCommands,
} from './registry.js';
import { cliVersion } from './version.js';

export interface ProgramHooks {
  io: Io;
  /** Builds the context for a command once the global options are known. */
  context(globals: GlobalOptions): CommandContext;
  /** Called with the exit code a command finished with. */
  done(exitCode: number): void;
  /** A value that must never be printed (a key someone tried to pass as a flag). */
  secret(value: string): void;
  /** A --api-key-file path, as soon as commander meets it: its contents are never printed. */
  keyFile(path: string): void;
}

const ROOT_EXAMPLES = [
  'kyy mock                                   # start the local mock (another terminal)',
  'kyy --mock assets upload --type Image --url https://example.com/cat.png --wait',
  'export KYY_API_KEY=...                     # the real service',
  'kyy assets get asset-20260330142158-q75m8 --json',
  'kyy --mock generate "a cat in the rain" --first-frame asset://asset-… --out cat.mp4',
];

const ENVIRONMENT_HELP = `Environment:
  KYY_API_KEY    the API key (or use --api-key-file; there is no flag that takes the key itself)
  KYY_BASE_URL   the service URL (default https://zcbservice.aizfw.cn/kyyReactApiServer)
  NO_COLOR       set to anything to turn colours off (they are only used on a terminal anyway)`;

/** The context for the command commander chose, after refusing a key typed as a flag. */
function contextFor(self: { optsWithGlobals(): GlobalFlags }, hooks: ProgramHooks): CommandContext {
  const all = self.optsWithGlobals();
  if (all.apiKey !== undefined) {
    hooks.secret(all.apiKey);
    throw new UsageError(
      'There is no --api-key flag, so the key never lands in shell history: set KYY_API_KEY, or pass --api-key-file <path>.',
    );
  }
  return hooks.context(readGlobals(all));
}

function finish(ctx: CommandContext, result: CommandResult | undefined, hooks: ProgramHooks) {
  if (result) ctx.out.result(result.human, result.data);
  hooks.done(result?.exitCode ?? 0);
}

/** Runs a command function, loaded on use, with the options commander parsed for it. */
function runner(hooks: ProgramHooks): Runner {
  return async (self, load, options) => {
    const ctx = contextFor(self, hooks);
    const command = await load();
    finish(ctx, await command(options, ctx), hooks);
  };
}

/** The whole command tree; commands' code is imported only when one of them runs. */
export function buildProgram(hooks: ProgramHooks): KyyProgram {
  const { io } = hooks;
  const program = addGlobalOptions(new Command('kyy'));
  program
    .description('Manage KyyVideo2 assets and generate videos from a terminal or CI')
    .helpOption('-h, --help', 'show help, with examples')
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // The error boundary prints errors (as JSON with --json), so commander stays quiet.
      outputError: () => {},
      getOutHasColors: () => useColor(io.stdout, io.env),
      getErrHasColors: () => useColor(io.stderr, io.env),
    });
  // Registered the moment commander parses them, before anything (an error echoing an
  // argument) can be printed.
  program.on('option:api-key', (value: string) => hooks.secret(value));
  program.on('option:api-key-file', (path: string) => hooks.keyFile(path));
  // --version is an ordinary option, so that --json may come before or after it.
  const version = () => {
    const text = cliVersion();
    const json = program.opts().json === true;
    io.stdout.write(json ? `${JSON.stringify({ version: text }, null, 2)}\n` : `${text}\n`);
    // commander's own way out after --version: an exit-0 "error" the boundary prints nothing for.
    throw new CommanderError(0, 'commander.version', text);
  };
  program.hook('preSubcommand', () => {
    if (program.opts().version === true) version();
  });
  // With no command: the version, or what commander does itself without a root action (help,
  // or "unknown command" with its "Did you mean …?"). unknownCommand() is commander's own method
  // for that, left out of its typings; cli.test.ts fails if a commander upgrade drops it.
  program.allowExcessArguments().action(() => {
    if (program.opts().version === true) version();
    if (program.args.length === 0) program.help({ error: true });
    (program as Command & { unknownCommand(): never }).unknownCommand();
  });
  program.addHelpText('after', `${examples(ROOT_EXAMPLES)}\n${ENVIRONMENT_HELP}\n`);
  // Once for the whole tree: commander adds it to the help of every command.
  program.addHelpText('afterAll', `${EXIT_CODE_HELP}\n`);

  const run = runner(hooks);
  registerCommands(program, run);
  registerVideoCommands(program, run);
  registerMock(program, run);
  return program;
}
