import type { CommandContext } from '../context.js';
import { NotConfirmedError, UsageError } from '../errors.js';
import { parseAssetIdArg } from '../validate.js';

export interface DeleteOptions {
  assetId: string;
  yes?: boolean;
}

export async function deleteAsset(options: DeleteOptions, ctx: CommandContext) {
  const assetId = parseAssetIdArg(options.assetId);
  if (!options.yes) {
    // Refuse before anything else (even reading the key): nothing may be sent unconfirmed.
    if (!ctx.interactive) {
      throw new UsageError(
        `Refusing to delete ${assetId} without confirmation: there is no terminal to ask on. Deletion is permanent; pass --yes to delete anyway.`,
      );
    }
    const ok = await ctx.confirm(`Delete ${assetId} permanently? This cannot be undone.`);
    if (!ok) throw new NotConfirmedError(`Not deleted: ${assetId} was left as it is.`);
  }
  const assets = await ctx.assets();
  const result = await assets.delete(assetId, { signal: ctx.signal });
  const c = ctx.out.color;
  return {
    data: { assetId: result.assetId, deleted: true, alreadyGone: result.alreadyGone },
    human: ctx.out.quiet
      ? result.assetId
      : result.alreadyGone
        ? `${result.assetId} was already gone; nothing to delete.`
        : `${c.green('Deleted')} ${c.bold(result.assetId)}`,
  };
}
