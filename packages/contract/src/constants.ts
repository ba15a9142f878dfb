import type { paths } from './generated/openapi.js';

/** The real service. Every path in the spec is relative to this. */
export const DEFAULT_BASE_URL = 'https://zcbservice.aizfw.cn/kyyReactApiServer';

/** Where `pnpm mock` (the standalone mock server) listens by default. */
export const MOCK_BASE_URL = 'http://127.0.0.1:4010/kyyReactApiServer';

/** The path prefix of every operation, shared by the real service and the mock. */
export const BASE_PATH = '/kyyReactApiServer';

/** Upload an asset: `POST`, relative to the base URL. */
export const UPLOAD_ASSET_PATH = '/kyyVideo2/asset/upload' satisfies keyof paths;
/** Read (`GET`) or delete (`DELETE`) an asset, with its id in place of `{assetId}`. */
export const ASSET_PATH = '/kyyVideo2/asset/{assetId}' satisfies keyof paths;

export const ASSET_TYPES = ['Image', 'Video', 'Audio', 'Document'] as const;

export const ASSET_STATUSES = ['Processing', 'Active', 'Failed'] as const;

/** `asset-`, a YYYYMMDDhhmmss timestamp, `-`, then five lowercase letters or digits. */
export const ASSET_ID_PATTERN = /^asset-[0-9]{14}-[a-z0-9]{5}$/;

/** `YYYY-MM-DD hh:mm:ss`, as the detail call reports `createTime`. */
export const CREATE_TIME_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/;

/** Generation tasks reference an asset as `asset://{assetId}`. */
export const ASSET_REF_PREFIX = 'asset://';

/** Envelope codes the documentation names. Every other non-zero code is undocumented. */
export const DOCUMENTED_CODES = {
  /** Success (upload and detail send the number, delete sends the string "0"). */
  success: 0,
  /** The service could not fetch the asset URL while handling the upload. */
  urlUnreachable: 1001,
  /** No asset has this id (never existed, or deleted). */
  notFound: -1,
} as const;

/** The documentation's own polling sample: every 5 s, for at most 300 s. */
export const DOCUMENTED_POLL_INTERVAL_MS = 5_000;
export const DOCUMENTED_POLL_TIMEOUT_MS = 300_000;
