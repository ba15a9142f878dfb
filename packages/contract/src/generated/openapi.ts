/**
 * This file is auto-generated from spec/openapi.yaml by openapi-typescript.
 * Do not edit it by hand: change the spec, then run `pnpm generate`.
 */

export interface paths {
    "/kyyVideo2/asset/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an asset from a public URL
         * @description The service downloads the file from `url` while handling the request, so the URL must
         *     be reachable from the public internet. A new asset starts in `Processing` and becomes
         *     `Active` once review has passed.
         *
         *     There is no idempotency key: sending the same upload twice can create two assets.
         */
        post: operations["uploadAsset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kyyVideo2/asset/{assetId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The asset's id, as returned by upload.
                 * @example asset-20260330142158-q75m8
                 */
                assetId: components["parameters"]["AssetIdPath"];
            };
            cookie?: never;
        };
        /**
         * Read one asset and its review status
         * @description Poll this until `status` is `Active` before using the asset; `Failed` is final. The
         *     documentation's own sample polls every 5 seconds for up to 300 seconds.
         */
        get: operations["getAsset"];
        put?: never;
        post?: never;
        /**
         * Delete an asset permanently
         * @description Deletion cannot be undone; the id can no longer be used afterwards. Note that the
         *     documented success answers `code` as the string `"0"` with a non-null `msg`.
         */
        delete: operations["deleteAsset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The kind of media. Case-sensitive, first letter capitalised.
         * @enum {string}
         */
        AssetType: "Image" | "Video" | "Audio" | "Document";
        /**
         * @description `Processing` while uploading or under review, `Active` once usable, `Failed` when
         *     rejected (final).
         * @enum {string}
         */
        AssetStatus: "Processing" | "Active" | "Failed";
        /**
         * @description `asset-`, a 14-digit timestamp (YYYYMMDDhhmmss), `-`, then 5 lowercase letters or digits.
         * @example asset-20260330142158-q75m8
         */
        AssetId: string;
        UploadAssetRequest: {
            assetType: components["schemas"]["AssetType"];
            /**
             * Format: uri
             * @description A public URL that the service can download while handling the request.
             */
            url: string;
            /** @description An optional label for managing the asset. */
            name?: string;
        };
        UploadAssetData: {
            assetId: components["schemas"]["AssetId"];
        };
        Asset: {
            /** @description The label given at upload. The documentation does not say what an unnamed asset reports, so `null` is accepted. */
            name: string | null;
            assetId: components["schemas"]["AssetId"];
            status: components["schemas"]["AssetStatus"];
            assetType: components["schemas"]["AssetType"];
            /** @description The URL the asset was uploaded from. */
            url: string;
            /**
             * @description When the asset was created, as `YYYY-MM-DD hh:mm:ss`.
             * @example 2026-03-30 14:21:58
             */
            createTime: string;
        };
        /** @description Upload succeeded. */
        UploadAssetResponse: {
            /**
             * @description Zero, as a number.
             * @enum {integer}
             */
            code: 0;
            msg: string | null;
            data: components["schemas"]["UploadAssetData"];
        };
        /** @description Detail succeeded. */
        GetAssetResponse: {
            /**
             * @description Zero, as a number.
             * @enum {integer}
             */
            code: 0;
            msg: string | null;
            data: components["schemas"]["Asset"];
        };
        /** @description Delete succeeded. Unlike the other calls, `code` is the string `"0"`. */
        DeleteAssetResponse: {
            /**
             * @description Zero, as a string.
             * @enum {string}
             */
            code: "0";
            /** @description A confirmation, documented as `删除成功` (some copies of the documentation show `success`). */
            msg: string;
            data: null;
        };
        /**
         * @description A call failed. Documented codes: `1001` (the service could not fetch the asset URL) and
         *     `-1` (no asset has this id). Other codes exist but are not documented.
         */
        FailureResponse: {
            /**
             * @description Any integer but zero (zero means success). Documented values are 1001 and -1.
             * @example 1001
             * @example -1
             */
            code: number;
            /** @description What went wrong, in the service's words. */
            msg: string | null;
            data: null;
        };
    };
    responses: {
        /**
         * @description Not documented by the service: any non-200 answer (for example an authentication
         *     failure). When it carries a body, it is expected to be the failure envelope.
         */
        Failure: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["FailureResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The asset's id, as returned by upload.
         * @example asset-20260330142158-q75m8
         */
        AssetIdPath: components["schemas"]["AssetId"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    uploadAsset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadAssetRequest"];
            };
        };
        responses: {
            /**
             * @description An envelope. Success carries the new asset's id; failure carries a non-zero `code`,
             *     a message and `data: null`.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadAssetResponse"] | components["schemas"]["FailureResponse"];
                };
            };
            default: components["responses"]["Failure"];
        };
    };
    getAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The asset's id, as returned by upload.
                 * @example asset-20260330142158-q75m8
                 */
                assetId: components["parameters"]["AssetIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An envelope with the asset, or a failure (`-1` for an unknown id). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAssetResponse"] | components["schemas"]["FailureResponse"];
                };
            };
            default: components["responses"]["Failure"];
        };
    };
    deleteAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The asset's id, as returned by upload.
                 * @example asset-20260330142158-q75m8
                 */
                assetId: components["parameters"]["AssetIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An envelope; success has `code` `"0"` and `data` null. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssetResponse"] | components["schemas"]["FailureResponse"];
                };
            };
            default: components["responses"]["Failure"];
        };
    };
}
