import { type Colors, colorsFor } from './color.js';
import type { Io, OutStream } from './io.js';

export interface OutputMode {
  /** Exactly one JSON document on stdout; errors as one JSON document on stderr. */
  json: boolean;
  /** Only the essential result (for example just the asset id); no progress or hints. */
  quiet: boolean;
}

/**
 * Where every line kyy prints goes through. Results go to stdout; progress, hints, prompts and
 * errors to stderr, so `kyy ... --json | jq` and `id=$(kyy ... --quiet)` always get clean stdout.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  /** Colours for stdout text. */
  readonly color: Colors;
  /** Colours for stderr text (it may be a terminal while stdout is a pipe, or the reverse). */
  readonly errColor: Colors;

  constructor(
    readonly stdout: OutStream,
    readonly stderr: OutStream,
    env: Io['env'],
    mode: OutputMode,
  ) {
    this.json = mode.json;
    this.quiet = mode.quiet;
    this.color = colorsFor(stdout, env);
    this.errColor = colorsFor(stderr, env);
  }

  /** Prints the command's result: the JSON document with --json, else the human text. */
  result(human: string, data: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else if (human !== '') this.stdout.write(human.endsWith('\n') ? human : `${human}\n`);
  }

  /** Progress and hints for a human; silent with --json or --quiet. */
  info(line: string): void {
    if (this.json || this.quiet) return;
    this.stderr.write(`${line}\n`);
  }
}
