import { redactSecret, SECRET_MASK } from '@kyyvideo/contract/rules';
import type { OutStream } from './io.js';

/** Shown instead of a secret: the contract's one mask. */
export const REDACTED = SECRET_MASK;

/**
 * The last line of defence for "the key never appears in any output": every byte kyy writes goes
 * through here, and any secret registered so far is replaced (with the contract's redactSecret,
 * so JSON-escaped forms go too). Commands should never print the key in the first place; this
 * catches what a server or a library might echo back.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret) this.#secrets.add(secret);
  }

  apply(text: string): string {
    return this.#secrets.size === 0 ? text : redactSecret(text, [...this.#secrets]);
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
