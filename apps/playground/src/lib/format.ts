/** "12 ms", "1.25 s": enough precision to compare calls, no more. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The envelope or body, pretty-printed for a <pre>. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}
