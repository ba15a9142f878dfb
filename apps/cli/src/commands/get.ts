import type { CommandContext } from '../context.js';
import { assetLines } from '../format.js';
import { parseAssetIdArg } from '../validate.js';
import { refOf } from './shared.js';

export interface GetOptions {
  assetId: string;
}

export async function get(options: GetOptions, ctx: CommandContext) {
  const assetId = parseAssetIdArg(options.assetId);
  const assets = await ctx.assets();
  const asset = await assets.get(assetId, { signal: ctx.signal });
  const ref = refOf(asset.assetId);
  return {
    data: { ...asset, ref },
    human: ctx.out.quiet ? asset.status : assetLines(asset, ref, ctx.out.color),
  };
}
