import { toAssetRef } from '@kyyvideo/contract';
import type { Asset, AssetsApi } from '../client-types.js';
import type { CommandContext } from '../context.js';
import { withContext } from '../failure.js';
import { statusText } from '../format.js';

export function refOf(assetId: string): `asset://${string}` {
  return toAssetRef(assetId);
}

/**
 * Waits for review, telling a human on stderr each time the status is checked. `timeout` is in
 * seconds, as typed after --timeout, so a timeout is reported back in that unit.
 */
export async function waitWithProgress(
  assets: AssetsApi,
  assetId: string,
  timeout: number,
  ctx: CommandContext,
): Promise<Asset> {
  const started = Date.now();
  const c = ctx.out.errColor;
  try {
    return await assets.waitUntilActive(assetId, {
      timeoutMs: Math.round(timeout * 1000),
      signal: ctx.signal,
      onStatus: (asset) => {
        const elapsed = Math.round((Date.now() - started) / 1000);
        ctx.out.info(`${c.dim(`[${elapsed}s]`)} ${asset.assetId} ${statusText(asset.status, c)}`);
      },
    });
  } catch (error) {
    // The id is what the user needs next (to wait again, or delete), so every report carries it;
    // the timeout as typed lets the report say "2 s" rather than the client's milliseconds.
    throw withContext(error, { assetId, timeoutSeconds: timeout });
  }
}
