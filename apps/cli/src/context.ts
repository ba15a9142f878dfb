import type { AssetsApi } from './client-types.js';
import type { Io } from './io.js';
import type { Output } from './output.js';

/** Options every command accepts, from the root of the command line. */
export interface GlobalOptions {
  baseUrl?: string;
  mock?: boolean;
  apiKeyFile?: string;
  json: boolean;
  quiet: boolean;
}

/** Everything a command may touch. Tests build one by hand; `main` builds the real one. */
export interface CommandContext {
  io: Io;
  out: Output;
  globals: GlobalOptions;
  /** Resolves the key and base URL and creates the client, on first use only. */
  assets(): Promise<AssetsApi>;
  /** Asks a yes/no question on the terminal; only call when `interactive` is true. */
  confirm(question: string): Promise<boolean>;
  /** stdin and stderr are both terminals, so a question can be asked and answered. */
  interactive: boolean;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/** What a command hands back to be printed: a JSON document and the same thing for humans. */
export interface CommandResult {
  data: unknown;
  human: string;
  /** Non-zero when the command finished but not everything succeeded (batch). */
  exitCode?: number;
}

/** Each command module exports one of these; the registry imports it only when it runs. */
export interface CommandModule<T> {
  /** Turns commander's strings into typed options, or throws a UsageError saying what to fix. */
  parse(args: string[], opts: Record<string, unknown>): T;
  run(options: T, ctx: CommandContext): Promise<CommandResult | undefined>;
}
