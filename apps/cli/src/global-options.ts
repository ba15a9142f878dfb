import { type Command, Option } from '@commander-js/extra-typings';
import { DEFAULT_PORT, PORT_ENV } from '@kyyvideo/mock/cli';
import type { GlobalOptions } from './context.js';

/**
 * The options of the root command, which every command accepts. commander infers their types
 * from these declarations, and subcommands inherit them as their global options.
 */
export function addGlobalOptions(program: Command) {
  return (
    program
      .option('-V, --version', 'print the version')
      .option('--base-url <url>', 'service URL (env KYY_BASE_URL)')
      .addOption(
        new Option(
          '--mock',
          `use the local mock started by \`kyy mock\` (port $${PORT_ENV}, else ${DEFAULT_PORT})`,
        ).conflicts('baseUrl'),
      )
      .option('--api-key-file <path>', 'read the API key from this file (else env KYY_API_KEY)')
      .option('--json', 'print exactly one JSON document on stdout (errors: JSON on stderr)')
      .option('-q, --quiet', 'print only the essential result, no progress')
      // Accepted only to refuse it with a useful message: a key typed as a flag value ends up in
      // shell history and process listings.
      .addOption(new Option('--api-key <key>').hideHelp())
  );
}

/** The root command, with the global options' inferred types. */
export type KyyProgram = ReturnType<typeof addGlobalOptions>;

/** The global options as commander parsed them. */
export type GlobalFlags = ReturnType<KyyProgram['opts']>;

export function readGlobals(flags: GlobalFlags): GlobalOptions {
  const globals: GlobalOptions = { json: flags.json === true, quiet: flags.quiet === true };
  if (flags.baseUrl !== undefined) globals.baseUrl = flags.baseUrl;
  if (flags.mock === true) globals.mock = true;
  if (flags.apiKeyFile !== undefined) globals.apiKeyFile = flags.apiKeyFile;
  return globals;
}
