import type { UploadInput } from '../client-types.js';
import type { CommandContext } from '../context.js';
import { assetLines } from '../format.js';
import { parseAssetName, parseAssetType, parseAssetUrl } from '../validate.js';
import { waitWithProgress } from './shared.js';

export interface UploadOptions {
  type: string;
  url: string;
  name?: string;
  wait?: boolean;
  /** Seconds, with wait. */
  timeout: number;
}

/** The flags, checked with the same rules as a manifest row, before anything is sent. */
export function uploadInput(options: UploadOptions): UploadInput {
  const input: UploadInput = {
    assetType: parseAssetType(options.type),
    url: parseAssetUrl(options.url),
  };
  if (options.name !== undefined) input.name = parseAssetName(options.name);
  return input;
}

export async function upload(options: UploadOptions, ctx: CommandContext) {
  const input = uploadInput(options);
  const assets = await ctx.assets();
  const { assetId, ref } = await assets.upload(input, { signal: ctx.signal });
  const c = ctx.out.color;
  if (!options.wait) {
    return {
      data: { assetId, ref },
      human: ctx.out.quiet
        ? assetId
        : `${c.green('Uploaded')} ${c.bold(assetId)} (${input.assetType}, review pending)\nref ${ref}`,
    };
  }
  ctx.out.info(`Uploaded ${assetId}; waiting for review…`);
  const asset = await waitWithProgress(assets, assetId, options.timeout, ctx);
  return {
    data: { assetId, ref, asset },
    human: ctx.out.quiet ? assetId : assetLines(asset, ref, c),
  };
}
