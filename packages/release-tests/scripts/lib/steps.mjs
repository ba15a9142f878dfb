// A tiny sequential step runner: each step prints when it starts and how it ended, a failure
// skips every later step (they all build on the earlier ones), and the summary line uses the
// plain "N passed, N failed, N skipped" form that CI logs are read for.

/**
 * A step returns an optional detail for its success line; `skip` returns a reason to skip it.
 * @typedef {{ name: string, run: () => Promise<string | void>, skip?: () => string | undefined }} Step
 * @typedef {{ passed: number, failed: number, skipped: number, failures: { name: string, error: unknown }[] }} StepSummary
 */

/**
 * @param {Step[]} steps
 * @param {{ write: (line: string) => void, now?: () => number, stopReason?: () => string | undefined }} io
 *   `stopReason` (e.g. "interrupted by SIGINT") skips every step that has not started yet
 * @returns {Promise<StepSummary>}
 */
export async function runSteps(steps, { write, now = Date.now, stopReason = () => undefined }) {
  /** @type {StepSummary} */
  const summary = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const total = steps.length;
  for (const [index, step] of steps.entries()) {
    const label = `[${index + 1}/${total}] ${step.name}`;
    const skipReason =
      stopReason() ?? (summary.failed > 0 ? 'an earlier step failed' : step.skip?.());
    if (skipReason) {
      summary.skipped += 1;
      write(`- ${label} (skipped: ${skipReason})`);
      continue;
    }
    write(`> ${label}`);
    const started = now();
    try {
      const detail = await step.run();
      summary.passed += 1;
      write(`✓ ${label} (${formatSeconds(now() - started)})${detail ? ` — ${detail}` : ''}`);
    } catch (error) {
      summary.failed += 1;
      summary.failures.push({ name: step.name, error });
      write(`✗ ${label} (${formatSeconds(now() - started)})`);
      write(indent(describeError(error)));
    }
  }
  return summary;
}

/** @param {StepSummary} summary */
export function summaryLine(summary) {
  return `release: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

/** @param {number} ms */
export function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** @param {unknown} error */
export function describeError(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
