import type { AssetType } from '../schemas.js';
import { checkAssetType } from './asset-type.js';
import { checkName } from './name.js';
import { type Problem, refusal } from './problem.js';
import { checkUrl } from './url.js';
import { typeName } from './value.js';

/** An upload's fields once every rule has accepted them. */
export interface UploadFields {
  assetType: AssetType;
  url: string;
  name?: string;
}

/**
 * Every problem with an upload's fields at once (type, URL, name), so one round of fixes is
 * enough. Empty means the service's documented rules and our limits accept it.
 */
export function checkUpload(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [
      refusal(
        'body',
        'type',
        `Give an object like { assetType: 'Image', url: 'https://…' } (got ${typeName(input)}).`,
      ),
    ];
  }
  const { assetType, url, name } = input as Record<string, unknown>;
  return [...checkAssetType(assetType), ...checkUrl(url), ...checkName(name)];
}

/** True when {@link checkUpload} finds no error; narrows the input to the accepted fields. */
export function isValidUpload(input: unknown): input is UploadFields {
  return checkUpload(input).every((problem) => problem.severity !== 'error');
}
