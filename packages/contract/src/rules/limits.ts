/**
 * Limits of our own: the documentation sets none. Every consumer (client, mock, CLI, playground)
 * applies these same numbers, so an input is accepted everywhere or refused everywhere.
 */

/**
 * Longest `url` accepted. Real download URLs (signed CDN links included) stay well under this;
 * longer ones are almost always a `data:` blob or a file's contents pasted by mistake.
 */
export const MAX_URL_LENGTH = 4096;

/** Longest `name` accepted: any label a person types fits, a file's contents does not. */
export const MAX_NAME_LENGTH = 255;

/** The id the documentation uses in its examples. */
export const EXAMPLE_ASSET_ID = 'asset-20260330142158-q75m8';

/** {@link EXAMPLE_ASSET_ID} as a generation task references it. */
export const EXAMPLE_ASSET_REF = `asset://${EXAMPLE_ASSET_ID}` as const;

/** The URL the documentation's upload example uses. */
export const EXAMPLE_URL = 'https://example.com/cat.jpg';

/** How much of an offending value a problem quotes back. */
export const MAX_QUOTED_LENGTH = 80;

/**
 * The most uploads one batch keeps in flight (the client's `assets.prepare`, `kyy --concurrency`):
 * the service's rate limits are not documented, so a batch never floods it.
 */
export const MAX_UPLOAD_CONCURRENCY = 16;
