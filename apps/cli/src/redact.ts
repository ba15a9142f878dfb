import type { OutStream } from './io.js';

/** Shown instead of a secret. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for: replacing every "a" in the output would do
 * more harm than good, and real keys are far longer.
 */
const MIN_SECRET_LENGTH = 6;

/**
 * The last line of defence for "the key never appears in any output": every byte kyy writes goes
 * through here, and any secret registered so far is replaced. Commands should never print the key
 * in the first place; this catches what a server or a library might echo back.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.#secrets.add(secret);
  }

  apply(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  wrap(stream: OutStream): OutStream {
    const write = (chunk: string) => stream.write(this.apply(String(chunk)));
    return {
      write,
      get isTTY() {
        return stream.isTTY;
      },
      get columns() {
        return stream.columns;
      },
    };
  }
}
