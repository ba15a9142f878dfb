import {
  type CreateVideoTaskRequest,
  VIDEO_TASK_MEDIA_FIELDS,
  type VideoTaskMediaField,
} from '@kyyvideo/contract';
import { type FormEvent, useRef, useState } from 'react';
import type { TargetKind } from '../lib/targets.js';
import { tidyUrlField } from '../lib/url-field.js';
import {
  checkVideoForm,
  DEFAULT_VIDEO_FORM,
  tidyVideoForm,
  VIDEO_FIELD_LABELS,
  VIDEO_URL_FIELDS,
  type VideoField,
  type VideoFormValues,
} from '../lib/video-form.js';
import type { SessionAsset } from '../state/session-assets.js';
import type { VideoRun } from '../state/video-run.js';
import { MediaField } from './MediaField.js';
import { VideoActions } from './VideoActions.js';
import { VideoRunView } from './VideoRunView.js';
import { type FieldKit, VideoTaskFields } from './VideoTaskFields.js';

export interface VideoPanelProps {
  target: TargetKind;
  /** Assets made in this tab; the pickers offer the Active ones of the current target. */
  assets: readonly SessionAsset[];
  run: VideoRun | undefined;
  onGenerate: (body: CreateVideoTaskRequest) => void;
  onStopWait: () => void;
  onWaitAgain: (taskId: string) => void;
}

/** The form's media inputs and the task field each fills. */
const MEDIA: ReadonlyArray<{ key: keyof typeof VIDEO_URL_FIELDS; field: VideoTaskMediaField }> = [
  { key: 'firstImage', field: 'first_image' },
  { key: 'lastImage', field: 'last_image' },
  { key: 'referenceImages', field: 'referenceImages' },
  { key: 'referenceVideos', field: 'referenceVideos' },
  { key: 'referenceAudios', field: 'referenceAudios' },
];

/** Where the focus goes first when several fields are wrong: the form's order. */
const FIELD_ORDER = Object.keys(VIDEO_FIELD_LABELS) as VideoField[];

export function VideoPanel(props: VideoPanelProps) {
  const [values, setValues] = useState<VideoFormValues>(DEFAULT_VIDEO_FORM);
  const [errors, setErrors] = useState<Partial<Record<VideoField, string>>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const focusable = useRef<Partial<Record<VideoField, HTMLElement | null>>>({});

  const set: FieldKit['set'] = (key, field, value) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A paste's stray spaces around a URL go from the fields themselves; the rules never trim.
    const tidied = tidyVideoForm(values);
    setValues(tidied);
    const checked = checkVideoForm(tidied);
    setWarnings(checked.warnings);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = FIELD_ORDER.find((field) => checked.errors[field]);
      if (first) focusable.current[first]?.focus();
      return;
    }
    setErrors({});
    props.onGenerate(checked.body);
  };

  const kit: FieldKit = {
    values,
    set,
    errorProps: (field) => ({
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': errors[field] ? `video-${field}-error` : undefined,
    }),
    fieldError: (field) =>
      errors[field] ? (
        <p id={`video-${field}-error`} className="field-error">
          {errors[field]}
        </p>
      ) : null,
    focusTarget: (field) => (element) => {
      focusable.current[field] = element;
    },
  };

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
        <VideoTaskFields {...kit} />
        <p className="muted small">
          Guide the video with a first (and optionally a last) frame, or with references — not both.
          Pick Active assets of this session or paste public URLs.
        </p>
        {MEDIA.map(({ key, field }) => (
          <MediaField
            key={field}
            id={`video-${field}`}
            label={VIDEO_FIELD_LABELS[field]}
            multiple={VIDEO_URL_FIELDS[key]}
            value={values[key]}
            onChange={(value) => set(key, field, value)}
            onBlur={() => set(key, field, tidyUrlField(values[key], VIDEO_URL_FIELDS[key]))}
            assets={usable(field)}
            assetType={VIDEO_TASK_MEDIA_FIELDS[field]}
            error={errors[field]}
            inputRef={kit.focusTarget(field)}
          />
        ))}
        {warnings.map((warning) => (
          <p key={warning} className="warning small" data-testid="video-warning">
            {warning}
          </p>
        ))}
        <VideoActions
          target={props.target}
          run={props.run}
          onStopWait={props.onStopWait}
          onWaitAgain={props.onWaitAgain}
        />
      </form>

      {props.run ? <VideoRunView run={props.run} /> : null}
    </section>
  );
}
