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
    "/v1/kyyvideo2/videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a video generation task
         * @description Starts generating a video and answers at once with the new task, `queued`. Follow it
         *     with `getVideoTask`. The answer is the bare task object, with no envelope, and its
         *     `model` need not be the one requested (the documentation's own example asks for
         *     `kyyvideo2` and answers `kyyvideo2_fast`).
         *
         *     Rules the documentation states that a schema cannot express:
         *     `first_image` cannot be combined with `referenceImages`, `referenceVideos` or
         *     `referenceAudios`, and `last_image` needs `first_image`. Frame images must be jpeg, png,
         *     webp, bmp, tiff or gif, with width/height between 0.4 and 2.5 and sides of 300 to
         *     6000 px; reference videos are 480p or 720p; reference audio is wav or mp3.
         *
         *     Which models accept reference videos is stated two opposite ways by two copies of the
         *     documentation, so this document does not model it: the KyyVideo2 page says the
         *     standard and fast models support them and the pro models do not; the Seedance mirror
         *     says standard and fast require them and pro makes them optional.
         *
         *     Creating a task costs money and there is no idempotency key: do not resend a create
         *     that may have reached the service.
         */
        post: operations["createVideoTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/result/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task's id, as returned by `createVideoTask`.
                 * @example video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd
                 */
                id: components["parameters"]["VideoTaskIdPath"];
            };
            cookie?: never;
        };
        /**
         * Read a video task and, once completed, its video URL
         * @description Poll this until `status` is `completed` (then `video_url` is set) or `failed` (then
         *     `error` says why); both are final. The documentation advises polling every 20 to 40
         *     seconds (fast models may poll sooner) and says standard models take 2 to 5 minutes,
         *     fast ones 1 to 3. `video_url` is an MP4 that stays valid for about 24 hours: download
         *     it promptly.
         *
         *     The answer for an unknown task id is not documented.
         */
        get: operations["getVideoTask"];
        put?: never;
        post?: never;
        delete?: never;
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
        /**
         * @description The documented model names. The documentation uses two families for the same four
         *     models: the KyyVideo2 page names them `kyyvideo2`, `kyyvideo2_fast`, `kyyvideo2_pro`
         *     and `kyyvideo2_fast_pro`, and a mirror of the same page names them `seedance_2_0`,
         *     `seedance_2_0_fast`, `seedance_2_0_pro` and `seedance_2_0_fast_pro`. Which of them
         *     accept reference videos is documented both ways (see `createVideoTask`).
         * @enum {string}
         */
        VideoModel: "kyyvideo2" | "kyyvideo2_fast" | "kyyvideo2_pro" | "kyyvideo2_fast_pro" | "seedance_2_0" | "seedance_2_0_fast" | "seedance_2_0_pro" | "seedance_2_0_fast_pro";
        /**
         * @description `queued`, then `processing`, then `completed` (with `video_url`) or `failed` (with
         *     `error`). `completed` and `failed` are final.
         * @enum {string}
         */
        VideoTaskStatus: "queued" | "processing" | "completed" | "failed";
        /**
         * @description `video_` followed by a lower-case UUID, as in the documentation's example
         *     (`video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd`). The documentation shows the form only
         *     by that example.
         * @example video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd
         */
        VideoTaskId: string;
        /**
         * Format: uri
         * @description Media for a task: a public URL the service can download, or an asset of the library as
         *     `asset://{assetId}` (the asset must be `Active`).
         * @example asset://asset-20260330142158-q75m8
         */
        MediaReference: string;
        CreateVideoTaskRequest: {
            model: components["schemas"]["VideoModel"];
            /** @description What the video shows. */
            prompt: string;
            /**
             * @description Length of the video in seconds.
             * @default 5
             */
            duration?: number;
            first_image?: components["schemas"]["MediaReference"];
            last_image?: components["schemas"]["MediaReference"];
            /**
             * @description The shape of the video, as in the documentation's example `16:9`. The full list of
             *     values is not documented; public code that calls the service uses `16:9`, `9:16`,
             *     `1:1`, `4:3`, `3:4`, `21:9` and `adaptive`.
             * @example 16:9
             */
            aspect_ratio?: string;
            /** @description Whether to generate a soundtrack (the documentation's example sends `true`). */
            generateAudio?: boolean;
            /**
             * @description Reference images. Not allowed together with `first_image`. The documentation states
             *     no maximum (public code caps it at 9).
             */
            referenceImages?: components["schemas"]["MediaReference"][];
            /**
             * @description Reference videos (480p or 720p). Not allowed together with `first_image`. Which
             *     models accept them is documented two opposite ways, so it is not modelled here. The
             *     documentation states no maximum (public code caps it at 3).
             */
            referenceVideos?: components["schemas"]["MediaReference"][];
            /**
             * @description Reference audio (wav or mp3). Not allowed together with `first_image`. The
             *     documentation states no maximum (public code caps it at 3).
             */
            referenceAudios?: components["schemas"]["MediaReference"][];
        };
        /** @description The task just created, with no envelope. */
        CreateVideoTaskResponse: {
            id: components["schemas"]["VideoTaskId"];
            /** @enum {string} */
            object: "video";
            /** @description When the task was created, in seconds since the Unix epoch. */
            created: number;
            /** @description The model handling the task; not necessarily the one requested. */
            model: string;
            status: components["schemas"]["VideoTaskStatus"];
            /**
             * @description `null` unless the task failed. The documentation shows only `null`; that a failure
             *     carries a text here is an assumption (not documented).
             */
            error: string | null;
        };
        /** @description A task as queried, with no envelope. */
        GetVideoTaskResponse: {
            id: components["schemas"]["VideoTaskId"];
            /** @enum {string} */
            object: "video";
            /** @description When the task was created, in seconds since the Unix epoch. */
            created: number;
            /** @description The model handling the task; not necessarily the one requested. */
            model: string;
            status: components["schemas"]["VideoTaskStatus"];
            /**
             * Format: uri
             * @description The generated MP4 once `status` is `completed`, otherwise `null`. It stays valid for
             *     about 24 hours.
             */
            video_url: string | null;
            /**
             * @description `null` unless the task failed. The documentation shows only `null`; that a failure
             *     carries a text here is an assumption (not documented).
             */
            error: string | null;
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
        /**
         * @description Not documented by the service: how a video task call fails (invalid body, unknown
         *     task id, authentication, rate limits), with which status code, and with what body.
         *     The video task calls have no envelope, so no body shape is assumed here.
         */
        VideoTaskFailure: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": unknown;
            };
        };
    };
    parameters: {
        /**
         * @description The asset's id, as returned by upload.
         * @example asset-20260330142158-q75m8
         */
        AssetIdPath: components["schemas"]["AssetId"];
        /**
         * @description The task's id, as returned by `createVideoTask`.
         * @example video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd
         */
        VideoTaskIdPath: components["schemas"]["VideoTaskId"];
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
    createVideoTask: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVideoTaskRequest"];
            };
        };
        responses: {
            /** @description The new task, with no envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateVideoTaskResponse"];
                };
            };
            default: components["responses"]["VideoTaskFailure"];
        };
    };
    getVideoTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task's id, as returned by `createVideoTask`.
                 * @example video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd
                 */
                id: components["parameters"]["VideoTaskIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task, with no envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetVideoTaskResponse"];
                };
            };
            default: components["responses"]["VideoTaskFailure"];
        };
    };
}
