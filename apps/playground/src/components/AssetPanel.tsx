import type { Asset } from '@kyyvideo/contract';
import { toAssetRef } from '@kyyvideo/contract';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { parseAssetIdInput } from '../lib/validation.js';
import type { KnownStatus } from '../state/session-assets.js';
import { CopyButton } from './CopyButton.js';
import { MediaPreview } from './MediaPreview.js';
import { StatusBadge } from './StatusBadge.js';

/** What the panel last learned about the asset it shows. */
export type DetailView =
  | { assetId: string; state: 'asset'; asset: Asset }
  | { assetId: string; state: 'not-found' }
  | { assetId: string; state: 'deleted' };

export interface AssetPanelProps {
  value: string;
  onValueChange: (value: string) => void;
  detail: DetailView | undefined;
  /** The id currently being waited for, if any. */
  waitingFor: string | undefined;
  busy: boolean;
  onGet: (assetId: string) => void;
  onWait: (assetId: string) => void;
  onStopWait: () => void;
  onDelete: (assetId: string) => void;
}

function statusOf(detail: DetailView): KnownStatus {
  if (detail.state === 'asset') return detail.asset.status;
  return detail.state === 'deleted' ? 'Deleted' : 'Not found';
}

function DetailCard({ detail, waiting }: { detail: DetailView; waiting: boolean }) {
  const ref = toAssetRef(detail.assetId);
  return (
    <div className="detail" data-testid="detail" aria-live="polite">
      <p className="detail-head">
        <code>{detail.assetId}</code> <StatusBadge status={statusOf(detail)} />
        {waiting ? <span className="muted small"> polling…</span> : null}
      </p>
      {detail.state === 'asset' ? (
        <dl>
          <dt>Name</dt>
          <dd>{detail.asset.name ?? <span className="muted">(none)</span>}</dd>
          <dt>Type</dt>
          <dd>{detail.asset.assetType}</dd>
          <dt>URL</dt>
          <dd className="break">{detail.asset.url}</dd>
          <dt>Created</dt>
          <dd>{detail.asset.createTime}</dd>
          <dt>Reference</dt>
          <dd>
            <code>{ref}</code> <CopyButton text={ref} label="Copy ref" />
          </dd>
          <dt>Preview</dt>
          <dd>
            <MediaPreview assetType={detail.asset.assetType} url={detail.asset.url} />
          </dd>
        </dl>
      ) : (
        <p className="muted">
          {detail.state === 'deleted'
            ? 'Deleted in this session. Deletion is permanent: the id can no longer be used.'
            : 'The service has no asset with this id (never created, or deleted).'}
        </p>
      )}
    </div>
  );
}

export function AssetPanel(props: AssetPanelProps) {
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  // Safer default: the focused button of the confirmation is "Cancel", so Enter does not delete.
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);

  const withId = (action: (assetId: string) => void) => {
    const parsed = parseAssetIdInput(props.value);
    if (!parsed.ok) {
      setError(parsed.error);
      input.current?.focus();
      return;
    }
    setError(undefined);
    action(parsed.assetId);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    withId(props.onGet);
  };

  const closeConfirm = () => {
    setConfirming(undefined);
    input.current?.focus();
  };

  const onConfirmKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') closeConfirm();
  };

  const detail = props.detail;
  const waiting = props.waitingFor !== undefined;

  return (
    <section className="panel" aria-labelledby="asset-title">
      <h2 id="asset-title">Asset</h2>
      <form onSubmit={onSubmit} noValidate className="fields">
        <label className="field">
          <span>Asset id or asset:// reference</span>
          <input
            ref={input}
            type="text"
            value={props.value}
            onChange={(event) => {
              props.onValueChange(event.target.value);
              setError(undefined);
              setConfirming(undefined);
            }}
            placeholder="asset-20260330142158-q75m8"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'asset-id-error' : undefined}
          />
        </label>
        {error ? (
          <p id="asset-id-error" className="field-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={props.busy}>
            Get detail
          </button>
          {waiting ? (
            <button type="button" className="secondary" onClick={props.onStopWait}>
              Stop waiting
            </button>
          ) : (
            <button type="button" onClick={() => withId(props.onWait)} disabled={props.busy}>
              Wait until Active
            </button>
          )}
          <button
            type="button"
            className="danger"
            onClick={() => withId(setConfirming)}
            disabled={props.busy}
          >
            Delete…
          </button>
        </div>
      </form>

      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-text"
          onKeyDown={onConfirmKey}
        >
          <p id="confirm-title" className="confirm-title">
            Delete {confirming}?
          </p>
          <p id="confirm-text">
            Deletion is permanent: the asset and its reference stop working at once.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                props.onDelete(confirming);
                setConfirming(undefined);
              }}
            >
              Yes, delete it
            </button>
            <button ref={cancel} type="button" className="secondary" onClick={closeConfirm}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      {waiting ? (
        <p className="live" role="status">
          Waiting for {props.waitingFor} to become Active — polling its detail
          {detail?.state === 'asset' && detail.assetId === props.waitingFor
            ? `; now ${detail.asset.status}`
            : ''}
          …
        </p>
      ) : null}

      {detail ? (
        <DetailCard detail={detail} waiting={waiting && props.waitingFor === detail.assetId} />
      ) : null}
    </section>
  );
}
