import type { UploadInput } from '@kyyvideo/client';
import { ASSET_TYPES } from '@kyyvideo/contract';
import { SAMPLE_MEDIA } from '@kyyvideo/mock';
import { type FormEvent, useRef, useState } from 'react';
import type { ErrorText } from '../lib/error-text.js';
import type { TargetKind } from '../lib/targets.js';
import { tidyUrlField } from '../lib/url-field.js';
import { type UploadField, type UploadFormValues, validateUpload } from '../lib/validation.js';
import { ErrorNotice } from './ErrorNotice.js';

export interface UploadFormProps {
  target: TargetKind;
  /** Where the mock target serves its sample media; the examples upload those files. */
  sampleMediaBase: string | undefined;
  busy: boolean;
  /** The last upload's failure, shown here beside the form (the call log has the whole call). */
  failure: ErrorText | undefined;
  onUpload: (input: UploadInput) => void;
}

/** A failure shows right under the button that caused it, brought into view when it appears. */
const scrollIntoView = (element: HTMLElement | null) =>
  element?.scrollIntoView({ block: 'nearest' });

const INITIAL: UploadFormValues = { assetType: 'Image', url: '', name: '' };

/**
 * Ready-made inputs for the mock; each shows one documented behaviour. The first three are the
 * mock's own sample files, so their previews (and a video made from them) work offline.
 */
const examples = (media: string): ReadonlyArray<{ label: string; values: UploadFormValues }> => [
  {
    label: 'Cat image',
    values: { assetType: 'Image', url: `${media}/${SAMPLE_MEDIA.image}`, name: 'Cat Image' },
  },
  {
    label: 'Reference video',
    values: {
      assetType: 'Video',
      url: `${media}/${SAMPLE_MEDIA.referenceVideo}`,
      name: 'Reference clip',
    },
  },
  {
    label: 'Audio',
    values: { assetType: 'Audio', url: `${media}/${SAMPLE_MEDIA.audio}`, name: 'Rain sound' },
  },
  {
    label: 'Unreachable URL',
    values: {
      assetType: 'Image',
      url: 'https://files.example.invalid/cat.jpg',
      name: 'Unreachable',
    },
  },
  {
    label: 'Rejected in review',
    values: { assetType: 'Video', url: 'https://example.com/reject.mp4', name: 'reject me' },
  },
];

export function UploadForm(props: UploadFormProps) {
  const { target, sampleMediaBase, busy, onUpload } = props;
  const [values, setValues] = useState<UploadFormValues>(INITIAL);
  const [errors, setErrors] = useState<Partial<Record<UploadField, string>>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const refs = {
    assetType: useRef<HTMLSelectElement>(null),
    url: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
  };

  const set = (field: UploadField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // A corrected field should not keep shouting; the next submit checks everything again.
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  // A paste's stray spaces around the URL go from the field itself; the rules never trim.
  const tidyUrl = () =>
    setValues((current) => ({ ...current, url: tidyUrlField(current.url, false) }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const tidied = { ...values, url: tidyUrlField(values.url, false) };
    setValues(tidied);
    const checked = validateUpload(tidied, target);
    setWarnings(checked.warnings);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (['assetType', 'url', 'name'] as const).find((field) => checked.errors[field]);
      if (first) refs[first].current?.focus();
      return;
    }
    setErrors({});
    onUpload(checked.input);
  };

  const errorId = (field: UploadField) => (errors[field] ? `upload-${field}-error` : undefined);

  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload</h2>
      <form onSubmit={onSubmit} noValidate className="fields">
        <label className="field">
          <span>Type</span>
          <select
            ref={refs.assetType}
            value={values.assetType}
            onChange={(event) => set('assetType', event.target.value)}
            aria-invalid={errors.assetType ? true : undefined}
            aria-describedby={errorId('assetType')}
          >
            {ASSET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        {errors.assetType ? (
          <p id="upload-assetType-error" className="field-error">
            {errors.assetType}
          </p>
        ) : null}

        <label className="field">
          <span>File URL</span>
          <input
            ref={refs.url}
            type="url"
            value={values.url}
            onChange={(event) => set('url', event.target.value)}
            onBlur={tidyUrl}
            placeholder="https://example.com/cat.jpg"
            spellCheck={false}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errorId('url') ?? 'upload-url-hint'}
          />
        </label>
        {errors.url ? (
          <p id="upload-url-error" className="field-error">
            {errors.url}
          </p>
        ) : (
          <p id="upload-url-hint" className="muted small">
            A public URL: the service downloads the file from it during the upload.
          </p>
        )}

        <label className="field">
          <span>Name (optional)</span>
          <input
            ref={refs.name}
            type="text"
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
            placeholder="Cat Image"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errorId('name')}
          />
        </label>
        {errors.name ? (
          <p id="upload-name-error" className="field-error">
            {errors.name}
          </p>
        ) : null}

        {warnings.map((warning) => (
          <p key={warning} className="warning small">
            {warning}
          </p>
        ))}

        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
          {sampleMediaBase !== undefined ? (
            <span className="examples">
              <span className="muted small">Try:</span>
              {examples(sampleMediaBase).map((example) => (
                <button
                  key={example.label}
                  type="button"
                  className="link"
                  onClick={() => {
                    setValues(example.values);
                    setErrors({});
                    setWarnings([]);
                  }}
                >
                  {example.label}
                </button>
              ))}
            </span>
          ) : null}
        </div>
        {props.failure && !busy ? (
          <div data-testid="upload-failure" ref={scrollIntoView}>
            <ErrorNotice error={props.failure} />
          </div>
        ) : null}
      </form>
    </section>
  );
}
