import type { Asset } from './client-types.js';
import type { Colors } from './color.js';

export function statusText(status: Asset['status'], c: Colors): string {
  if (status === 'Active') return c.green(status);
  if (status === 'Failed') return c.red(status);
  return c.yellow(status);
}

/** A few aligned `label  value` lines: short enough to read at a glance. */
export function assetLines(asset: Asset, ref: string, c: Colors): string {
  const rows: [string, string][] = [
    ['id', c.bold(asset.assetId)],
    ['status', statusText(asset.status, c)],
    ['type', asset.assetType],
    ['name', asset.name ?? c.dim('(none)')],
    ['url', asset.url],
    ['created', asset.createTime],
    ['ref', ref],
  ];
  return rows.map(([label, value]) => `${c.dim(label.padEnd(8))}${value}`).join('\n');
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}
