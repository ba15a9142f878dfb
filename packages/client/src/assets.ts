import { ASSET_REF_PREFIX, type Asset, type paths } from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';
import {
  type InterpretContext,
  interpretDelete,
  interpretGet,
  interpretUpload,
} from './envelope.js';
import {
  KyyAbortError,
  KyyConnectionError,
  type KyyError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
} from './errors.js';
import { checkAssetId, checkUploadInput, type UploadInput } from './input.js';
import { attempt, type RequestSettings, withRetries } from './request.js';
import { isRetryable } from './retry-policy.js';
import type { CallOptions, DeleteResult, UploadResult } from './types.js';

export interface CoreDeps {
  raw: Client<paths>;
  settings: RequestSettings;
  validate: 'strict' | 'off';
  redact: (text: string) => string;
}

/** The three requests, with their retry rules. Waiting and batches build on these. */
export interface AssetsCore {
  upload(input: UploadInput, options?: CallOptions): Promise<UploadResult>;
  get(assetId: string, options?: CallOptions): Promise<Asset>;
  /** Like get, but an unknown `status` is returned (statusKnown: false) instead of rejected. */
  detail(assetId: string, options?: CallOptions): Promise<{ asset: Asset; statusKnown: boolean }>;
  delete(assetId: string, options?: CallOptions): Promise<DeleteResult>;
}

/** Why an upload attempt's outcome is unknown, or undefined when the failure is a clear "no". */
function unknownOutcomeReason(error: KyyError): string | undefined {
  if (error instanceof KyyTimeoutError) return 'no answer arrived in time';
  if (error instanceof KyyAbortError) return 'it was aborted while the request was in flight';
  if (error instanceof KyyServerError) return `the service failed with HTTP ${error.httpStatus}`;
  if (error instanceof KyyInvalidResponseError) {
    return error.assetId === undefined
      ? 'the answer was not the documented success or failure'
      : `the answer named asset "${error.assetId}" but was not the documented success (check it with assets.get before uploading again)`;
  }
  if (error instanceof KyyConnectionError && !error.provablyNotSent)
    return 'the connection failed after the request may have been sent';
  return undefined;
}

export function createAssetsCore(deps: CoreDeps): AssetsCore {
  const { raw, settings } = deps;
  const interpretContext = (
    operation: InterpretContext['operation'],
    assetId?: string,
  ): InterpretContext => ({
    operation,
    validate: deps.validate,
    redact: deps.redact,
    ...(assetId === undefined ? {} : { assetId }),
  });

  async function upload(input: UploadInput, options: CallOptions = {}): Promise<UploadResult> {
    const body = checkUploadInput(input);
    const ctx = { operation: 'upload' as const, callerSignal: options.signal };
    const { assetId } = await withRetries(
      settings,
      ctx,
      async () => {
        try {
          return await attempt(
            settings,
            ctx,
            (signal) => raw.POST('/kyyVideo2/asset/upload', { body, signal, parseAs: 'text' }),
            (answer) => interpretUpload(answer, interpretContext('upload')),
          );
        } catch (error) {
          const reason = unknownOutcomeReason(error as KyyError);
          if (reason === undefined) throw error;
          const cause = error as KyyError;
          throw new KyyUploadOutcomeUnknownError(
            `The upload may or may not have created an asset: ${reason}. It was not resent, because the API has no idempotency key and a second upload could create a duplicate. Upload again only if a duplicate is acceptable.`,
            {
              operation: 'upload',
              cause,
              ...(cause.httpStatus === undefined ? {} : { httpStatus: cause.httpStatus }),
              ...(cause.code === undefined ? {} : { code: cause.code }),
              ...(cause.msg === undefined ? {} : { msg: cause.msg }),
              ...(cause.assetId === undefined ? {} : { assetId: cause.assetId }),
            },
          );
        }
      },
      // Only a request that provably never left this machine may be sent again.
      (error) => error instanceof KyyConnectionError && error.provablyNotSent,
    );
    // Not toAssetRef: with validate 'off' an id in another form must not turn a created asset
    // into an exception. Strict mode has already checked the documented form.
    return { assetId, ref: `${ASSET_REF_PREFIX}${assetId}` as const };
  }

  async function detail(assetId: string, options: CallOptions = {}) {
    const id = checkAssetId(assetId, 'get');
    const ctx = { operation: 'get' as const, assetId: id, callerSignal: options.signal };
    return withRetries(
      settings,
      ctx,
      () =>
        attempt(
          settings,
          ctx,
          (signal) =>
            raw.GET('/kyyVideo2/asset/{assetId}', {
              params: { path: { assetId: id } },
              signal,
              parseAs: 'text',
            }),
          (answer) => interpretGet(answer, interpretContext('get', id)),
        ),
      isRetryable,
    );
  }

  async function get(assetId: string, options: CallOptions = {}): Promise<Asset> {
    const { asset, statusKnown } = await detail(assetId, options);
    if (!statusKnown && deps.validate === 'strict') {
      throw new KyyInvalidResponseError(
        `The detail request got an unknown status ${deps.redact(JSON.stringify(asset.status))} (documented: Processing, Active, Failed). waitUntilActive keeps polling through it; pass validate: 'off' to read it as is.`,
        { operation: 'get', assetId: asset.assetId, httpStatus: 200, code: 0 },
      );
    }
    return asset;
  }

  async function remove(assetId: string, options: CallOptions = {}): Promise<DeleteResult> {
    const id = checkAssetId(assetId, 'delete');
    const ctx = { operation: 'delete' as const, assetId: id, callerSignal: options.signal };
    // Set once an attempt failed in a way that may still have deleted the asset server-side.
    let mayHaveDeleted = false;
    return withRetries(
      settings,
      ctx,
      async () => {
        try {
          await attempt(
            settings,
            ctx,
            (signal) =>
              raw.DELETE('/kyyVideo2/asset/{assetId}', {
                params: { path: { assetId: id } },
                signal,
                parseAs: 'text',
              }),
            (answer) => interpretDelete(answer, interpretContext('delete', id)),
          );
          return { assetId: id, alreadyGone: false };
        } catch (error) {
          if (error instanceof KyyNotFoundError && mayHaveDeleted) {
            return { assetId: id, alreadyGone: true };
          }
          const definitelyNot =
            (error instanceof KyyConnectionError && error.provablyNotSent) ||
            error instanceof KyyRateLimitError;
          if (!definitelyNot) mayHaveDeleted = true;
          throw error;
        }
      },
      isRetryable,
    );
  }

  return { upload, get, detail, delete: remove };
}
