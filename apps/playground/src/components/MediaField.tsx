import type { AssetType } from '@kyyvideo/contract';
import type { SessionAsset } from '../state/session-assets.js';

export interface MediaFieldProps {
  id: string;
  label: string;
  /** One value (a frame) or a list, one item per line (references). */
  multiple: boolean;
  value: string;
  onChange: (value: string) => void;
  /** Leaving the field tidies a paste's stray spaces away. */
  onBlur: () => void;
  /** The Active assets of this tab and target that fit the field. */
  assets: readonly SessionAsset[];
  assetType: AssetType;
  error: string | undefined;
  inputRef: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
}

/**
 * A media field of the task: a URL or `asset://` reference typed or pasted, or an Active asset of
 * this session picked from the list (for a list field the pick is added as a new line).
 */
export function MediaField(props: MediaFieldProps) {
  const errorId = `${props.id}-error`;
  const common = {
    id: props.id,
    value: props.value,
    spellCheck: false,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    onBlur: props.onBlur,
  } as const;

  const pick = (ref: string) => {
    if (ref === '') return;
    if (!props.multiple) return props.onChange(ref);
    const current = props.value.trimEnd();
    props.onChange(current === '' ? ref : `${current}\n${ref}`);
  };

  // The input and its picker share one row, so the whole form fits the first screen.
  return (
    <div className="media-field">
      <label className="field" htmlFor={props.id}>
        <span>{props.label}</span>
      </label>
      {props.multiple ? (
        <textarea
          {...common}
          ref={props.inputRef}
          rows={2}
          placeholder="One URL or asset:// reference per line"
          onChange={(event) => props.onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          ref={props.inputRef}
          type="text"
          placeholder="https://… or asset://asset-…"
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      <select
        className="media-pick"
        aria-label={`${props.multiple ? 'Add' : 'Use'} an Active ${props.assetType} asset for ${props.label}`}
        value=""
        disabled={props.assets.length === 0}
        onChange={(event) => pick(event.target.value)}
      >
        <option value="">
          {props.assets.length === 0
            ? `No Active ${props.assetType} yet`
            : `${props.multiple ? 'Add' : 'Use'} an Active ${props.assetType}…`}
        </option>
        {props.assets.map((asset) => (
          <option key={asset.assetId} value={asset.ref}>
            {asset.name ? `${asset.name} · ` : ''}
            {asset.assetId}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
