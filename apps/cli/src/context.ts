import type { AssetsApi, VideosApi } from './client-types.js';
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
  /** The video task calls, on the same connection as `assets()`. */
  videos(): Promise<VideosApi>;
  /** Asks a yes/no question on the terminal; only call when `interactive` is true. */
  confirm(question: string): Promise<boolean>;
  /** stdin and stderr are both terminals, so a question can be asked and answered. */
  interactive: boolean;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Hides every known secret, exactly as the terminal output does; for text written to files. */
  redact(text: string): string;
  /**
   * Runs `cleanup` if a second Ctrl-C makes the process exit at once (restore the terminal, say
   * what was recorded). Absent in tests, where no process exits.
   */
  onSecondInterrupt?(cleanup: () => void): void;
}

/** What a command hands back to be printed: a JSON document and the same thing for humans. */
export interface CommandResult {
  data: unknown;
  human: string;
  /** Non-zero when the command finished but not everything succeeded (batch). */
  exitCode?: number;
}

/** What a command function receives besides its options; the registry calls it. */
export type CommandFunction<T> = (
  options: T,
  ctx: CommandContext,
) => Promise<CommandResult | undefined>;
