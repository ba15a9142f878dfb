import { z } from 'zod';
import { ASSET_ID_PATTERN, ASSET_STATUSES, ASSET_TYPES, CREATE_TIME_PATTERN } from './constants.js';
import { videoComponentSchemas } from './video-schemas.js';

// Each schema mirrors the component of the same name in spec/openapi.yaml. A test converts
// them back to OpenAPI and compares, so an edit on either side without the other fails CI.

export const AssetType = z.enum(ASSET_TYPES);
export type AssetType = z.infer<typeof AssetType>;

export const AssetStatus = z.enum(ASSET_STATUSES);
export type AssetStatus = z.infer<typeof AssetStatus>;

export const AssetId = z.string().regex(ASSET_ID_PATTERN);
export type AssetId = z.infer<typeof AssetId>;

export const UploadAssetRequest = z.object({
  assetType: AssetType,
  url: z.string().url(),
  name: z.string().optional(),
});
export type UploadAssetRequest = z.infer<typeof UploadAssetRequest>;

export const UploadAssetData = z.object({
  assetId: AssetId,
});
export type UploadAssetData = z.infer<typeof UploadAssetData>;

export const Asset = z.object({
  name: z.string().nullable(),
  assetId: AssetId,
  status: AssetStatus,
  assetType: AssetType,
  url: z.string(),
  createTime: z.string().regex(CREATE_TIME_PATTERN),
});
export type Asset = z.infer<typeof Asset>;

export const UploadAssetResponse = z.object({
  code: z.literal(0),
  msg: z.string().nullable(),
  data: UploadAssetData,
});
export type UploadAssetResponse = z.infer<typeof UploadAssetResponse>;

export const GetAssetResponse = z.object({
  code: z.literal(0),
  msg: z.string().nullable(),
  data: Asset,
});
export type GetAssetResponse = z.infer<typeof GetAssetResponse>;

export const DeleteAssetResponse = z.object({
  code: z.literal('0'),
  msg: z.string(),
  data: z.null(),
});
export type DeleteAssetResponse = z.infer<typeof DeleteAssetResponse>;

// Zero means success, so a failure's code is any other integer: `{ code: 0, data: null }` is
// neither a success nor a failure, and validation says so.
export const FailureCode = z.union([z.number().int().max(-1), z.number().int().min(1)]);

export const FailureResponse = z.object({
  code: FailureCode,
  msg: z.string().nullable(),
  data: z.null(),
});
export type FailureResponse = z.infer<typeof FailureResponse>;

/** Every named component schema of the spec, by its component name. */
export const componentSchemas = {
  AssetType,
  AssetStatus,
  AssetId,
  UploadAssetRequest,
  UploadAssetData,
  Asset,
  UploadAssetResponse,
  GetAssetResponse,
  DeleteAssetResponse,
  FailureResponse,
  ...videoComponentSchemas,
} as const;
