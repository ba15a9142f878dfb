import type { UploadInput } from '../client-types.js';
import type { CommandModule } from '../context.js';
import { UsageError } from '../errors.js';
import { assetLines } from '../format.js';
import { checkLengths } from '../limits.js';
import { parseAssetType, parseAssetUrl } from '../validate.js';
import { timeoutOption, waitWithProgress } from './shared.js';

export interface UploadOptions {
  input: UploadInput;
  wait: boolean;
  timeoutMs: number;
}

export const command: CommandModule<UploadOptions> = {
  parse(_args, opts) {
    if (typeof opts.type !== 'string') {
      throw new UsageError('--type is required: one of Image, Video, Audio, Document.');
    }
    if (typeof opts.url !== 'string') {
      throw new UsageError('--url is required: the public http(s) URL of the file to upload.');
    }
    if (opts.timeout !== undefined && opts.wait !== true) {
      throw new UsageError('--timeout only applies with --wait; add --wait or drop --timeout.');
    }
    const input: UploadInput = {
      assetType: parseAssetType(opts.type),
      url: parseAssetUrl(opts.url),
    };
    if (typeof opts.name === 'string') {
      if (opts.name.trim() === '')
        throw new UsageError('--name must not be empty; leave it out instead.');
      input.name = opts.name;
    }
    checkLengths(input, '--url/--name: ');
    return { input, wait: opts.wait === true, timeoutMs: timeoutOption(opts.timeout) };
  },

  async run({ input, wait, timeoutMs }, ctx) {
    const assets = await ctx.assets();
    const { assetId, ref } = await assets.upload(input, { signal: ctx.signal });
    const c = ctx.out.color;
    if (!wait) {
      return {
        data: { assetId, ref },
        human: ctx.out.quiet
          ? assetId
          : `${c.green('Uploaded')} ${c.bold(assetId)} (${input.assetType}, review pending)\nref ${ref}`,
      };
    }
    ctx.out.info(`Uploaded ${assetId}; waiting for review…`);
    const asset = await waitWithProgress(assets, assetId, timeoutMs, ctx);
    return {
      data: { assetId, ref, asset },
      human: ctx.out.quiet ? assetId : assetLines(asset, ref, c),
    };
  },
};
