import { ASSET_REF_PREFIX, ASSET_STATUSES, type Asset } from '@kyyvideo/contract';
import {
  type InterpretContext,
  interpretDelete,
  interpretGet,
  interpretUpload,
} from './envelope.js';
import {
  KyyConnectionError,
  type KyyError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyUploadOutcomeUnknownError,
} from './errors.js';
import { checkAssetId, checkUploadInput, type UploadInput } from './input.js';
import { asOutcomeUnknown } from './outcome.js';
import { type CoreDeps, send } from './send.js';
import type { AssetRef, CallOptions, DeleteResult, UploadResult } from './types.js';

/** The three requests, with their retry rules. Waiting and batches build on these. */
export interface AssetsCore {
  upload(input: UploadInput, options?: CallOptions): Promise<UploadResult>;
  get(assetId: string, options?: CallOptions): Promise<Asset>;
  /** Like get, but an unknown `status` is returned (statusKnown: false) instead of rejected. */
  detail(assetId: string, options?: CallOptions): Promise<{ asset: Asset; statusKnown: boolean }>;
  delete(assetId: string, options?: CallOptions): Promise<DeleteResult>;
}

/** An upload failure whose outcome is unknown becomes the error that says so; others pass. */
function uploadOutcome(error: KyyError): KyyError {
  return asOutcomeUnknown(
    error,
    (id) =>
      `the answer named asset "${id}" but was not the documented success (check it with assets.get before uploading again)`,
    (reason, details) =>
      new KyyUploadOutcomeUnknownError(
        `The upload may or may not have created an asset: ${reason}. It was not resent, because the API has no idempotency key and a second upload could create a duplicate. Upload again only if a duplicate is acceptable.`,
        { operation: 'upload', ...details },
      ),
  );
}

export function createAssetsCore(deps: CoreDeps): AssetsCore {
  const { settings } = deps;
  const context = (operation: InterpretContext['operation'], assetId?: string) => ({
    operation,
    validate: deps.validate,
    redact: settings.redact,
    ...(assetId === undefined ? {} : { assetId }),
  });

  async function upload(input: UploadInput, options: CallOptions = {}): Promise<UploadResult> {
    const body = checkUploadInput(input);
    const ctx = context('upload');
    const { assetId } = await send(settings, {
      operation: 'upload',
      request: (raw, init) => raw.POST('/kyyVideo2/asset/upload', { ...init, body }),
      retry: 'once',
      interpret: (answer) => interpretUpload(answer, ctx),
      recover: uploadOutcome,
      signal: options.signal,
    });
    // Not toAssetRef: with validate 'off' an id in another form must not turn a created asset
    // into an exception. Strict mode has already checked the documented form.
    const ref: AssetRef = `${ASSET_REF_PREFIX}${assetId}`;
    return { assetId, ref };
  }

  async function detail(assetId: string, options: CallOptions = {}) {
    const id = checkAssetId(assetId, 'get');
    const ctx = context('get', id);
    return send(settings, {
      operation: 'get',
      request: (raw, init) =>
        raw.GET('/kyyVideo2/asset/{assetId}', { ...init, params: { path: { assetId: id } } }),
      assetId: id,
      retry: 'idempotent',
      interpret: (answer) => interpretGet(answer, ctx),
      signal: options.signal,
    });
  }

  async function get(assetId: string, options: CallOptions = {}): Promise<Asset> {
    const { asset, statusKnown } = await detail(assetId, options);
    if (!statusKnown && deps.validate === 'strict') {
      throw new KyyInvalidResponseError(
        `The detail request got an unknown status ${settings.redact(JSON.stringify(asset.status))} (documented: ${ASSET_STATUSES.join(', ')}). waitUntilActive keeps polling through it; pass validate: 'off' to read it as is.`,
        { operation: 'get', assetId: asset.assetId, httpStatus: 200, code: 0 },
      );
    }
    return asset;
  }

  async function remove(assetId: string, options: CallOptions = {}): Promise<DeleteResult> {
    const id = checkAssetId(assetId, 'delete');
    const ctx = context('delete', id);
    // Set once an attempt failed in a way that may still have deleted the asset server-side.
    let mayHaveDeleted = false;
    return send<DeleteResult>(settings, {
      operation: 'delete',
      request: (raw, init) =>
        raw.DELETE('/kyyVideo2/asset/{assetId}', { ...init, params: { path: { assetId: id } } }),
      assetId: id,
      retry: 'idempotent',
      interpret: (answer) => {
        interpretDelete(answer, ctx);
        return { assetId: id, alreadyGone: false };
      },
      recover: (error) => {
        if (error instanceof KyyNotFoundError && mayHaveDeleted) {
          return { assetId: id, alreadyGone: true };
        }
        const definitelyNot =
          (error instanceof KyyConnectionError && error.provablyNotSent) ||
          error instanceof KyyRateLimitError;
        if (!definitelyNot) mayHaveDeleted = true;
        return error;
      },
      signal: options.signal,
    });
  }

  return { upload, get, detail, delete: remove };
}
