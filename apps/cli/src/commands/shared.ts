import { DOCUMENTED_POLL_TIMEOUT_MS, toAssetRef } from '@kyyvideo/contract';
import type { Asset, AssetsApi } from '../client-types.js';
import type { CommandContext } from '../context.js';
import { statusText } from '../format.js';
import { parseSeconds } from '../validate.js';

/** --timeout in seconds → ms; the documentation's own 300 s when absent. */
export function timeoutOption(value: unknown): number {
  return typeof value === 'string' ? parseSeconds(value, '--timeout') : DOCUMENTED_POLL_TIMEOUT_MS;
}

export function refOf(assetId: string): `asset://${string}` {
  return toAssetRef(assetId);
}

/** Waits for review, telling a human on stderr each time the status is checked. */
export async function waitWithProgress(
  assets: AssetsApi,
  assetId: string,
  timeoutMs: number,
  ctx: CommandContext,
): Promise<Asset> {
  const started = Date.now();
  const c = ctx.out.errColor;
  try {
    return await assets.waitUntilActive(assetId, {
      timeoutMs,
      signal: ctx.signal,
      onStatus: (asset) => {
        const elapsed = Math.round((Date.now() - started) / 1000);
        ctx.out.info(`${c.dim(`[${elapsed}s]`)} ${asset.assetId} ${statusText(asset.status, c)}`);
      },
    });
  } catch (error) {
    // The id is what the user needs next (to wait again, or delete), so every report carries it.
    if (error instanceof Error && !('assetId' in error)) {
      Object.assign(error, { assetId });
    }
    throw error;
  }
}
