import { FAST_VIDEO_WAIT_INTERVAL_MS, VIDEO_WAIT_INTERVAL_MS } from '@kyyvideo/client';
import {
  ASPECT_RATIOS_IN_PUBLIC_CODE,
  type CreateVideoTaskRequest,
  DOCUMENTED_VIDEO_DURATION_S,
  VIDEO_MODELS,
  VIDEO_TASK_MEDIA_FIELDS,
  type VideoTaskMediaField,
} from '@kyyvideo/contract';
import { type FormEvent, useRef, useState } from 'react';
import type { TargetKind } from '../lib/targets.js';
import {
  checkVideoForm,
  DEFAULT_VIDEO_FORM,
  type VideoField,
  type VideoFormValues,
} from '../lib/video-form.js';
import type { SessionAsset } from '../state/session-assets.js';
import type { VideoRun } from '../state/video-run.js';
import { ErrorNotice } from './ErrorNotice.js';
import { MediaField } from './MediaField.js';
import { VideoResult } from './VideoResult.js';

export interface VideoPanelProps {
  target: TargetKind;
  /** Assets made in this tab; the pickers offer the Active ones of the current target. */
  assets: readonly SessionAsset[];
  run: VideoRun | undefined;
  onGenerate: (body: CreateVideoTaskRequest) => void;
  onStopWait: () => void;
  onWaitAgain: (taskId: string) => void;
}

/** The form's media inputs, the task field each fills, and its label. */
const MEDIA: ReadonlyArray<{
  key: keyof VideoFormValues & string;
  field: VideoTaskMediaField;
  label: string;
}> = [
  { key: 'firstImage', field: 'first_image', label: 'First frame' },
  { key: 'lastImage', field: 'last_image', label: 'Last frame' },
  { key: 'referenceImages', field: 'referenceImages', label: 'Reference images' },
  { key: 'referenceVideos', field: 'referenceVideos', label: 'Reference videos' },
  { key: 'referenceAudios', field: 'referenceAudios', label: 'Reference audios' },
];

/** Where the focus goes first when several fields are wrong: the form's order. */
const FIELD_ORDER: readonly VideoField[] = [
  'prompt',
  'model',
  'duration',
  'aspect_ratio',
  'generateAudio',
  'first_image',
  'last_image',
  'referenceImages',
  'referenceVideos',
  'referenceAudios',
];

/** The client's polling range, as the page states it. */
const seconds = ({ min, max }: { min: number; max: number }) => `${min / 1000}–${max / 1000} s`;

export function VideoPanel(props: VideoPanelProps) {
  const [values, setValues] = useState<VideoFormValues>(DEFAULT_VIDEO_FORM);
  const [errors, setErrors] = useState<Partial<Record<VideoField, string>>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const refs = useRef<Partial<Record<VideoField, HTMLElement | null>>>({});
  const mediaRefs = {
    first_image: useRef<HTMLInputElement | HTMLTextAreaElement | null>(null),
    last_image: useRef<HTMLInputElement | HTMLTextAreaElement | null>(null),
    referenceImages: useRef<HTMLInputElement | HTMLTextAreaElement | null>(null),
    referenceVideos: useRef<HTMLInputElement | HTMLTextAreaElement | null>(null),
    referenceAudios: useRef<HTMLInputElement | HTMLTextAreaElement | null>(null),
  };

  const set = <K extends keyof VideoFormValues>(
    key: K,
    field: VideoField,
    value: VideoFormValues[K],
  ) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const busy = props.run?.phase === 'creating' || props.run?.phase === 'waiting';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkVideoForm(values);
    setWarnings(checked.warnings);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = FIELD_ORDER.find((field) => checked.errors[field]);
      if (first) {
        const media = first in mediaRefs ? mediaRefs[first as VideoTaskMediaField] : undefined;
        (media?.current ?? refs.current[first])?.focus();
      }
      return;
    }
    setErrors({});
    props.onGenerate(checked.body);
  };

  const errorProps = (field: VideoField) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `video-${field}-error` : undefined,
  });
  const fieldError = (field: VideoField) =>
    errors[field] ? (
      <p id={`video-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  const usable = (field: VideoTaskMediaField) =>
    props.assets.filter(
      (asset) =>
        asset.status === 'Active' &&
        asset.target === props.target &&
        asset.assetType === VIDEO_TASK_MEDIA_FIELDS[field],
    );

  return (
    <section className="panel" aria-labelledby="video-title">
      <h2 id="video-title">Generate video</h2>
      <form onSubmit={onSubmit} noValidate className="fields">
        <label className="field">
          <span>Prompt</span>
          <textarea
            ref={(element) => {
              refs.current.prompt = element;
            }}
            rows={2}
            value={values.prompt}
            onChange={(event) => set('prompt', 'prompt', event.target.value)}
            placeholder="A cat dancing in the rain, cinematic style"
            {...errorProps('prompt')}
          />
        </label>
        {fieldError('prompt')}

        <div className="field-row">
          <label className="field">
            <span>Model</span>
            <select
              ref={(element) => {
                refs.current.model = element;
              }}
              value={values.model}
              onChange={(event) => set('model', 'model', event.target.value)}
              {...errorProps('model')}
            >
              {VIDEO_MODELS.map((model) => (
                <option key={model} value={model}>
                  {model}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Duration (s)</span>
            <input
              ref={(element) => {
                refs.current.duration = element;
              }}
              type="text"
              inputMode="numeric"
              value={values.duration}
              onChange={(event) => set('duration', 'duration', event.target.value)}
              placeholder={`${DOCUMENTED_VIDEO_DURATION_S.default} (default)`}
              {...errorProps('duration')}
            />
          </label>
          <label className="field">
            <span>Aspect ratio</span>
            <input
              ref={(element) => {
                refs.current.aspect_ratio = element;
              }}
              type="text"
              list="aspect-ratios"
              value={values.aspectRatio}
              onChange={(event) => set('aspectRatio', 'aspect_ratio', event.target.value)}
              {...errorProps('aspect_ratio')}
            />
            <datalist id="aspect-ratios">
              {ASPECT_RATIOS_IN_PUBLIC_CODE.map((ratio) => (
                <option key={ratio} value={ratio} />
              ))}
            </datalist>
          </label>
        </div>
        {fieldError('model')}
        {fieldError('duration')}
        {fieldError('aspect_ratio')}

        <label className="check">
          <input
            type="checkbox"
            checked={values.generateAudio}
            onChange={(event) => set('generateAudio', 'generateAudio', event.target.checked)}
          />
          <span>Generate audio</span>
        </label>

        <p className="muted small">
          Guide the video with a first (and optionally a last) frame, or with references — not both.
          Pick Active assets of this session or paste public URLs.
        </p>
        {MEDIA.map(({ key, field, label }) => (
          <MediaField
            key={field}
            id={`video-${field}`}
            label={label}
            multiple={field.startsWith('reference')}
            value={values[key] as string}
            onChange={(value) => set(key, field, value)}
            assets={usable(field)}
            assetType={VIDEO_TASK_MEDIA_FIELDS[field]}
            error={errors[field]}
            inputRef={mediaRefs[field]}
          />
        ))}

        {warnings.map((warning) => (
          <p key={warning} className="warning small" data-testid="video-warning">
            {warning}
          </p>
        ))}

        <div className="actions">
          <button type="submit" disabled={busy}>
            {props.run?.phase === 'creating' ? 'Creating…' : 'Generate video'}
          </button>
          {props.run?.phase === 'waiting' ? (
            <button type="button" className="secondary" onClick={props.onStopWait}>
              Stop waiting
            </button>
          ) : null}
          {props.run?.taskId &&
          (props.run.phase === 'stopped' || props.run.phase === 'error') &&
          props.run.task?.status !== 'failed' ? (
            <button
              type="button"
              className="secondary"
              onClick={() => props.run?.taskId && props.onWaitAgain(props.run.taskId)}
            >
              Wait again
            </button>
          ) : null}
        </div>
        {props.target === 'real' ? (
          <p className="muted small">
            Each task costs money. Waiting polls every {seconds(VIDEO_WAIT_INTERVAL_MS)}, as the
            documentation advises ({seconds(FAST_VIDEO_WAIT_INTERVAL_MS)} for fast models);
            generation takes minutes.
          </p>
        ) : null}
      </form>

      {props.run ? <VideoRunView run={props.run} /> : null}
    </section>
  );
}

function VideoRunView({ run }: { run: VideoRun }) {
  return (
    <div className="video-run" data-testid="video-run" data-phase={run.phase}>
      <p className="detail-head" aria-live="polite">
        {run.taskId ? <code>{run.taskId}</code> : <span className="muted">Creating the task…</span>}{' '}
        {run.task ? <TaskStatusBadge status={run.task.status} /> : null}
        {run.phase === 'waiting' ? <span className="muted small"> polling…</span> : null}
      </p>
      {run.statuses.length > 0 ? (
        <p className="statuses" data-testid="video-statuses">
          Statuses seen: {run.statuses.join(' → ')}
        </p>
      ) : null}
      {run.phase === 'stopped' ? (
        <p className="muted">
          Stopped waiting. The task keeps running on the service; “Wait again” picks it up.
        </p>
      ) : null}
      {run.error ? <ErrorNotice error={run.error} /> : null}
      {run.task?.status === 'completed' && 'video_url' in run.task && run.task.video_url ? (
        <VideoResult taskId={run.task.id} url={run.task.video_url} />
      ) : null}
    </div>
  );
}

const TASK_BADGE: Record<string, string> = {
  queued: 'badge badge-processing',
  processing: 'badge badge-processing',
  completed: 'badge badge-active',
  failed: 'badge badge-failed',
};

function TaskStatusBadge({ status }: { status: string }) {
  return (
    <span className={TASK_BADGE[status] ?? 'badge badge-gone'} data-status={status}>
      {status}
    </span>
  );
}
