import {
  ASSET_REF_PREFIX,
  type AssetType,
  type CreateVideoTaskRequest,
  toMediaReference,
  toVideoTaskFields,
  VIDEO_TASK_MEDIA_FIELDS,
} from '@kyyvideo/contract';
import { type GeneratedAsset, type GenerateStep, KyyError, KyyGenerateError } from './errors.js';
import { safely } from './signals.js';
import type { KyyAssets, PrepareResult } from './types.js';
import type {
  CompletedVideoTask,
  CreatedVideoTask,
  GenerateInput,
  GenerateOptions,
  GenerateResult,
  KyyVideos,
} from './video-types.js';
import { checkVideoWaitOptions } from './video-wait.js';
import { checkTask } from './videos.js';

export interface GenerateDeps {
  prepare: KyyAssets['prepare'];
  create: KyyVideos['create'];
  waitUntilDone: KyyVideos['waitUntilDone'];
}

/** One medium of the task, where it goes, and the URL to upload when it becomes an asset. */
interface Slot {
  field: keyof typeof VIDEO_TASK_MEDIA_FIELDS;
  index?: number;
  value: string;
}

function slotsOf(input: GenerateInput): Slot[] {
  const slots: Slot[] = [];
  toVideoTaskFields(input, (media, field, index) => {
    const value = toMediaReference(media);
    slots.push({ field, value, ...(index === undefined ? {} : { index }) });
    return value;
  });
  return slots;
}

/** The API body, with each slot's value (a URL, or the asset ref it was replaced by). */
function bodyOf(input: GenerateInput, slots: readonly Slot[]): CreateVideoTaskRequest {
  const slotValue = (field: Slot['field'], index?: number) =>
    (slots.find((slot) => slot.field === field && slot.index === index) as Slot).value;
  return toVideoTaskFields(input, (_media, field, index) =>
    slotValue(field, index),
  ) as CreateVideoTaskRequest;
}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

function where(slot: Slot): string {
  return slot.index === undefined ? slot.field : `${slot.field}[${slot.index}]`;
}

function stepError(
  step: GenerateStep,
  cause: unknown,
  assets: readonly GeneratedAsset[],
  taskId?: string,
): unknown {
  // Not a client error (a bug, or a callback's): pass it on untouched.
  if (!(cause instanceof KyyError)) return cause;
  const made = [
    ...assets.map((asset) => asset.assetId),
    ...(taskId === undefined ? [] : [`task ${taskId}`]),
  ];
  // After an unsure upload or create, "nothing was made" would contradict the cause's own words.
  const unsure = cause.kind === 'create-outcome-unknown' || cause.kind === 'upload-outcome-unknown';
  const summary =
    made.length > 0
      ? ` ${unsure ? 'Made for certain' : 'Made so far'}: ${made.join(', ')}.`
      : unsure
        ? ''
        : ' Nothing was made.';
  return new KyyGenerateError(`generate stopped at step "${step}": ${cause.message}${summary}`, {
    operation: 'generate',
    step,
    assets,
    cause,
    ...(taskId === undefined ? {} : { taskId }),
    ...(cause.httpStatus === undefined ? {} : { httpStatus: cause.httpStatus }),
  });
}

/** Every asset the batch made (also those that then failed review), by slot. */
function madeAssets(uploads: readonly Slot[], result: PrepareResult): GeneratedAsset[] {
  return result.items.flatMap((item) => {
    const slot = uploads[item.index] as Slot;
    const { assetId } = item;
    if (assetId === undefined) return [];
    const status = item.ok ? item.asset?.status : undefined;
    return [
      {
        field: slot.field,
        ...(slot.index === undefined ? {} : { index: slot.index }),
        url: slot.value,
        assetId,
        ref: `${ASSET_REF_PREFIX}${assetId}` as const,
        ...(status === undefined ? {} : { status }),
      },
    ];
  });
}

/**
 * The whole job in one call: (optionally) URLs → reviewed assets, then the task, then its video.
 * The task is checked by the contract's rules before anything is sent. A failing step throws
 * KyyGenerateError naming the step, with every asset and the task id made so far.
 */
export async function generate(
  deps: GenerateDeps,
  input: GenerateInput,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const { signal, onProgress } = options;
  const report = (event: Parameters<NonNullable<GenerateOptions['onProgress']>>[0]) =>
    safely(onProgress, event);
  const slots = slotsOf(input);
  // URLs are valid media as they are, so the task is judged before any upload is made.
  checkTask(bodyOf(input, slots), options.onWarning);
  checkVideoWaitOptions(options, 'generate');

  let assets: GeneratedAsset[] = [];
  const uploads = input.uploadReferences ? slots.filter((slot) => isUrl(slot.value)) : [];
  if (uploads.length > 0) {
    let result: PrepareResult;
    try {
      result = await deps.prepare(
        uploads.map((slot) => ({
          assetType: VIDEO_TASK_MEDIA_FIELDS[slot.field] as AssetType,
          url: slot.value,
          name: where(slot),
        })),
        {
          wait: true,
          ...(signal === undefined ? {} : { signal }),
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.assetTimeoutMs === undefined
            ? {}
            : { waitTimeoutMs: options.assetTimeoutMs }),
          onProgress: (event) => report({ step: 'upload', event }),
        },
      );
    } catch (error) {
      throw stepError('upload', error, []);
    }
    assets = madeAssets(uploads, result);
    if (!result.ok) {
      const failed = result.items.find((item) => !item.ok);
      const cause = failed && !failed.ok ? failed.error : undefined;
      // An item whose asset exists failed in review (Failed, timeout, abort while waiting).
      const step: GenerateStep = failed && !failed.ok && failed.assetId ? 'review' : 'upload';
      throw stepError(step, cause, assets);
    }
    for (const asset of assets) {
      const slot = slots.find((s) => s.field === asset.field && s.index === asset.index);
      if (slot) slot.value = asset.ref;
    }
  }

  let created: CreatedVideoTask;
  try {
    created = await deps.create(bodyOf(input, slots), signal === undefined ? {} : { signal });
  } catch (error) {
    throw stepError('create', error, assets, error instanceof KyyError ? error.taskId : undefined);
  }
  report({ step: 'create', task: created });

  let task: CompletedVideoTask;
  try {
    task = await deps.waitUntilDone(created.id, {
      ...(signal === undefined ? {} : { signal }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      onStatus: (read) => report({ step: 'wait', task: read }),
    });
  } catch (error) {
    throw stepError('wait', error, assets, created.id);
  }
  return { task, videoUrl: task.video_url, assets };
}
