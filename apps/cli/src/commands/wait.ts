import type { CommandModule } from '../context.js';
import { assetLines, seconds } from '../format.js';
import { parseAssetIdArg } from '../validate.js';
import { refOf, timeoutOption, waitWithProgress } from './shared.js';

export interface WaitCommandOptions {
  assetId: string;
  timeoutMs: number;
}

export const command: CommandModule<WaitCommandOptions> = {
  parse([id], opts) {
    return { assetId: parseAssetIdArg(id ?? ''), timeoutMs: timeoutOption(opts.timeout) };
  },

  async run({ assetId, timeoutMs }, ctx) {
    const assets = await ctx.assets();
    const started = Date.now();
    const asset = await waitWithProgress(assets, assetId, timeoutMs, ctx);
    const ref = refOf(asset.assetId);
    const c = ctx.out.color;
    return {
      data: { ...asset, ref },
      human: ctx.out.quiet
        ? asset.status
        : `${assetLines(asset, ref, c)}\n${c.dim(`ready after ${seconds(Date.now() - started)}`)}`,
    };
  },
};
