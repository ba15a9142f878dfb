import { KyyAssetFailedError, KyyNotFoundError, type UploadInput } from '@kyyvideo/client';
import type { Asset } from '@kyyvideo/contract';
import { useReducer, useRef, useState } from 'react';
import type { AssetPanelProps, DetailView } from '../components/AssetPanel.js';
import type { ErrorText } from '../lib/error-text.js';
import type { TargetKind } from '../lib/targets.js';
import { sessionReducer } from '../state/session-assets.js';
import type { Perform } from './use-call-runner.js';

/** Upload, detail, wait and delete, and what the page learned about this tab's assets. */
export function useAssetActions(
  perform: Perform,
  reportStatus: (callId: number, status: string) => void,
  target: TargetKind,
) {
  const [assets, dispatchAsset] = useReducer(sessionReducer, []);
  const [assetInput, setAssetInput] = useState('');
  const [detail, setDetail] = useState<DetailView | undefined>();
  const [uploading, setUploading] = useState(false);
  // The last upload's failure, shown beside the form that sent it (the log has the full call).
  const [uploadError, setUploadError] = useState<ErrorText | undefined>();
  const [assetBusy, setAssetBusy] = useState(0);
  const [waitingFor, setWaitingFor] = useState<string | undefined>();
  const waitAbort = useRef<AbortController | undefined>(undefined);

  const showAsset = (asset: Asset) => {
    setDetail({ assetId: asset.assetId, state: 'asset', asset });
    dispatchAsset({ type: 'status', assetId: asset.assetId, status: asset.status });
  };

  const showMissing = (assetId: string, error: unknown) => {
    if (error instanceof KyyNotFoundError) {
      setDetail({ assetId, state: 'not-found' });
    }
    if (error instanceof KyyAssetFailedError) showAsset(error.asset);
  };

  const upload = async (input: UploadInput) => {
    setUploading(true);
    setUploadError(undefined);
    try {
      const outcome = await perform(
        'upload',
        {},
        (client) => client.assets.upload(input),
        ({ assetId, ref }) => ({ assetId, ref }),
      );
      if (outcome && !outcome.ok) setUploadError(outcome.error);
      if (outcome?.ok) {
        const { assetId, ref } = outcome.value;
        dispatchAsset({
          type: 'created',
          asset: {
            assetId,
            ref,
            assetType: input.assetType,
            url: input.url,
            ...(input.name ? { name: input.name } : {}),
            target,
            // Every new asset starts in Processing (documented); the next detail read confirms it.
            status: 'Processing',
          },
        });
        setAssetInput(assetId);
        setDetail(undefined);
      }
    } finally {
      setUploading(false);
    }
  };

  const withAssetBusy = async (task: () => Promise<void>) => {
    setAssetBusy((n) => n + 1);
    try {
      await task();
    } finally {
      setAssetBusy((n) => n - 1);
    }
  };

  const get: AssetPanelProps['onGet'] = (assetId) =>
    void withAssetBusy(async () => {
      const outcome = await perform('get', { assetId }, (client) => client.assets.get(assetId));
      if (!outcome) return;
      if (outcome.ok) showAsset(outcome.value);
      else showMissing(assetId, outcome.cause);
    });

  const wait: AssetPanelProps['onWait'] = (assetId) => {
    const controller = new AbortController();
    waitAbort.current = controller;
    setWaitingFor(assetId);
    void perform('wait', { assetId }, (client, id) =>
      client.assets.waitUntilActive(assetId, {
        signal: controller.signal,
        onStatus: (asset) => {
          reportStatus(id, asset.status);
          showAsset(asset);
        },
      }),
    ).then((outcome) => {
      if (waitAbort.current === controller) {
        waitAbort.current = undefined;
        setWaitingFor(undefined);
      }
      if (!outcome) return;
      if (outcome.ok) showAsset(outcome.value);
      else showMissing(assetId, outcome.cause);
    });
  };

  const stopWait = () => waitAbort.current?.abort();

  const remove: AssetPanelProps['onDelete'] = (assetId) =>
    void withAssetBusy(async () => {
      const outcome = await perform('delete', { assetId }, (client) =>
        client.assets.delete(assetId),
      );
      if (!outcome) return;
      if (outcome.ok) {
        dispatchAsset({ type: 'status', assetId, status: 'Deleted' });
        setDetail({ assetId, state: 'deleted' });
      } else showMissing(assetId, outcome.cause);
    });

  return {
    assets,
    assetInput,
    setAssetInput,
    detail,
    uploading,
    uploadError,
    assetBusy: assetBusy > 0,
    waitingFor,
    upload,
    get,
    wait,
    stopWait,
    remove,
  };
}
