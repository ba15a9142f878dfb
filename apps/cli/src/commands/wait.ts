import type { CommandContext } from '../context.js';
import { assetLines, seconds } from '../format.js';
import { parseAssetIdArg } from '../validate.js';
import { refOf, waitWithProgress } from './shared.js';

export interface WaitCommandOptions {
  assetId: string;
  /** Seconds. */
  timeout: number;
}

export async function wait(options: WaitCommandOptions, ctx: CommandContext) {
  const assetId = parseAssetIdArg(options.assetId);
  const assets = await ctx.assets();
  const started = Date.now();
  const asset = await waitWithProgress(assets, assetId, options.timeout, ctx);
  const ref = refOf(asset.assetId);
  const c = ctx.out.color;
  return {
    data: { ...asset, ref },
    human: ctx.out.quiet
      ? asset.status
      : `${assetLines(asset, ref, c)}\n${c.dim(`ready after ${seconds(Date.now() - started)}`)}`,
  };
}
