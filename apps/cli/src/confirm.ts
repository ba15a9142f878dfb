import { createInterface } from 'node:readline';
import type { OutStream } from './io.js';

/** Asks `question` on the terminal; only "y" or "yes" (any case) counts as yes. */
export function confirmOnTerminal(
  question: string,
  stdin: NodeJS.ReadableStream,
  stderr: OutStream,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, terminal: false });
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      rl.close();
      resolve(answer);
    };
    const onAbort = () => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    stderr.write(`${question} [y/N] `);
    rl.once('line', (line) => finish(isYes(line)));
    rl.once('close', () => finish(false));
  });
}

export function isYes(answer: string): boolean {
  return /^\s*(y|yes)\s*$/i.test(answer);
}
