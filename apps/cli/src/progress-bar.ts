import type { SingleBar } from 'cli-progress';
import type { Output } from './output.js';

/**
 * A cli-progress bar on stderr, set up the way every kyy bar is (hidden cursor, kept on screen
 * when done, 24 cells); each caller brings its own format and decides whether a bar is wanted.
 * cli-progress is imported here only, and only when a bar is drawn: pipes and CI never load it.
 */
export async function createProgressBar(
  out: Output,
  format: string,
  options: { clearOnComplete?: boolean } = {},
): Promise<SingleBar> {
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar(
    {
      stream: out.stderr as NodeJS.WritableStream,
      format,
      hideCursor: true,
      clearOnComplete: options.clearOnComplete ?? false,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
}
