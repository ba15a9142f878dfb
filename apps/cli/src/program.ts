import { DEFAULT_PORT, PORT_ENV } from '@kyyvideo/mock/cli';
import { Command, CommanderError, Option } from 'commander';
import { useColor } from './color.js';
import type { CommandContext, CommandModule, CommandResult, GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { EXIT_CODE_HELP } from './exit-codes.js';
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

function addGlobalOptions(program: Command): void {
  program
    .option('-V, --version', 'print the version')
    .option('--base-url <url>', 'service URL (env KYY_BASE_URL)')
    .option(
      '--mock',
      `use the local mock started by \`kyy mock\` (port $${PORT_ENV}, else ${DEFAULT_PORT})`,
    )
    .option('--api-key-file <path>', 'read the API key from this file (else env KYY_API_KEY)')
    .option('--json', 'print exactly one JSON document on stdout (errors: JSON on stderr)')
    .option('-q, --quiet', 'print only the essential result, no progress')
    // Accepted only to refuse it with a useful message: a key typed as a flag value ends up in
    // shell history and process listings.
    .addOption(new Option('--api-key <key>').hideHelp());
}

function readGlobals(opts: Record<string, unknown>): GlobalOptions {
  const globals: GlobalOptions = { json: opts.json === true, quiet: opts.quiet === true };
  if (typeof opts.baseUrl === 'string') globals.baseUrl = opts.baseUrl;
  if (opts.mock === true) globals.mock = true;
  if (typeof opts.apiKeyFile === 'string') globals.apiKeyFile = opts.apiKeyFile;
  return globals;
}

/** commander's `<asset-id>` → `assetId`, the way it names options. */
function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** The context for the command commander chose, after refusing a key typed as a flag. */
function contextFor(self: Command, hooks: ProgramHooks): CommandContext {
  const all = self.optsWithGlobals<Record<string, unknown>>();
  if (typeof all.apiKey === 'string') {
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

/** An action that loads the command function and calls it with commander's typed options. */
function runner(hooks: ProgramHooks): Runner {
  return (load) =>
    async (...received: unknown[]) => {
      const self = received.at(-1) as Command;
      const ctx = contextFor(self, hooks);
      const options: Record<string, unknown> = { ...self.opts() };
      self.registeredArguments.forEach((arg, i) => {
        options[camel(arg.name())] = self.processedArgs[i];
      });
      const command = await load();
      finish(ctx, await command(options as never, ctx), hooks);
    };
}

function mockRunner(hooks: ProgramHooks) {
  return (load: () => Promise<CommandModule<unknown>>) =>
    async (...received: unknown[]) => {
      const self = received.at(-1) as Command;
      const ctx = contextFor(self, hooks);
      const module = await load();
      finish(ctx, await module.run(module.parse([], self.opts()), ctx), hooks);
    };
}

/** The whole command tree; commands' code is imported only when one of them runs. */
export function buildProgram(hooks: ProgramHooks): Command {
  const { io } = hooks;
  const program = new Command('kyy');
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
  addGlobalOptions(program);
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
  program.addHelpText(
    'after',
    `${examples(ROOT_EXAMPLES)}\n${ENVIRONMENT_HELP}\n\n${EXIT_CODE_HELP}\n`,
  );

  registerCommands(program, runner(hooks), EXIT_CODE_HELP);
  registerVideoCommands(program, runner(hooks), EXIT_CODE_HELP);
  registerMock(program, mockRunner(hooks), EXIT_CODE_HELP);
  return program;
}
