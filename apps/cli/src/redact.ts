import type { OutStream } from './io.js';

/** Shown instead of a secret. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for: replacing every "a" in the output would do
 * more harm than good, and real keys are far longer.
 */
const MIN_SECRET_LENGTH = 6;

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The last line of defence for "the key never appears in any output": every byte kyy writes goes
 * through here, and any secret registered so far is replaced. Commands should never print the key
 * in the first place; this catches what a server or a library might echo back.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    // Also as it appears inside a JSON string (a key with `"` or `\\` in it), and escaped once
    // more, as in `got "…"` inside a message inside a --json error document.
    const once = jsonEscaped(secret);
    for (const form of [secret, once, jsonEscaped(once)]) this.#secrets.add(form);
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so an escaped form is replaced whole before a shorter form inside it.
    const longestFirst = [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const secret of longestFirst) {
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
