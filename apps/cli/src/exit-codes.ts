/**
 * The process exit codes of `kyy`. Scripts branch on these, so they are part of the public
 * interface: never renumber one, only add.
 */
export const EXIT = {
  /** Everything asked for happened. */
  ok: 0,
  /** The service said no, the network failed, or the outcome could not be confirmed. */
  failed: 1,
  /** The command line, a manifest or the configuration is wrong; nothing was sent. */
  usage: 2,
  /** The asset exists but its review ended `Failed`. */
  reviewFailed: 3,
  /** Waiting gave up before the asset became `Active` (or the video task ended). */
  waitTimedOut: 4,
  /** Another kyy run is writing the same batch results file; nothing was sent. */
  busy: 5,
  /** A video task ended `failed` at the service (its `error` text is in the report). */
  generationFailed: 6,
  /** `--max-tasks` was reached: the creates it allowed were sent, the rows left were not. */
  budgetReached: 7,
  /** Interrupted with Ctrl-C (128 + SIGINT), the shell convention. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table shown in `kyy --help` and the README. */
export const EXIT_CODE_HELP = `Exit codes:
  0    success
  1    the service said no, a network failure, or an outcome that could not be confirmed
  2    usage error: bad option, argument, manifest, key file or configuration (nothing was sent)
  3    review failed: the asset exists but ended with status Failed
  4    wait timed out: the asset (or video task) was not done when --timeout ran out
  5    busy: another kyy run is using the same batch results file (nothing was sent)
  6    generation failed: the video task ended with status failed
  7    budget reached: --max-tasks creates were sent; the rows left were not created
  130  interrupted (Ctrl-C)`;
