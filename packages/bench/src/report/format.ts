/** Milliseconds with precision that suits the magnitude (µs resolution below 1 ms). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${Math.round(ms)} ms`;
}

export function formatMicros(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return `${(ms * 1000).toFixed(1)} µs`;
}

/** `1.23×`; ratios are what the report is about, so they get two decimals. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value.toFixed(2)}×`;
}

export function formatRate(perSecond: number, unit = '/s'): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  return `${Math.round(perSecond).toLocaleString('en-US')}${unit}`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatMiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function connectionsText(count: number): string {
  return `${count} connection${count === 1 ? '' : 's'}`;
}
