import {
  ASPECT_RATIOS_IN_PUBLIC_CODE,
  DOCUMENTED_VIDEO_DURATION_S,
  VIDEO_MODELS,
} from '@kyyvideo/contract';
import type { ReactNode } from 'react';
import type { VideoField, VideoFormValues } from '../lib/video-form.js';

/** What the panel hands each field: its value's setter, error wiring and focus target. */
export interface FieldKit {
  values: VideoFormValues;
  set: <K extends keyof VideoFormValues>(
    key: K,
    field: VideoField,
    value: VideoFormValues[K],
  ) => void;
  errorProps: (field: VideoField) => {
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  };
  fieldError: (field: VideoField) => ReactNode;
  /** Registers the element that gets the focus when its field is the first one wrong. */
  focusTarget: (field: VideoField) => (element: HTMLElement | null) => void;
}

/** Prompt, model, duration, aspect ratio and audio: the task's own settings. */
export function VideoTaskFields({ values, set, errorProps, fieldError, focusTarget }: FieldKit) {
  return (
    <>
      <label className="field">
        <span>Prompt</span>
        <textarea
          ref={focusTarget('prompt')}
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
            ref={focusTarget('model')}
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
            ref={focusTarget('duration')}
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
            ref={focusTarget('aspect_ratio')}
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
    </>
  );
}
