import {
  type CreateVideoTaskRequest,
  KyyAbortError,
  KyyAssetFailedError,
  type KyyClient,
  KyyError,
  KyyNotFoundError,
  KyyVideoFailedError,
  type UploadInput,
} from '@kyyvideo/client';
import { type Asset, toAssetRef } from '@kyyvideo/contract';
import type { AnyScenarioName } from '@kyyvideo/mock';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { AssetPanel, type AssetPanelProps, type DetailView } from './components/AssetPanel.js';
import { CallLog } from './components/CallLog.js';
import { SessionAssets } from './components/SessionAssets.js';
import { type BrowserMockState, TargetPanel } from './components/TargetPanel.js';
import { UploadForm } from './components/UploadForm.js';
import { VideoPanel } from './components/VideoPanel.js';
import type { ParsedMockSettings } from './lib/mock-settings.js';
import { type RunOutcome, runCall } from './lib/run-call.js';
import {
  DEFAULT_TARGET_SETTINGS,
  resolveTarget,
  sampleMediaBaseUrl,
  type TargetSettings,
  videoPollIntervalMs,
} from './lib/targets.js';
import { pauseBrowserMock, startBrowserMock } from './mock/browser-mock.js';
import { type CallRecord, callsReducer, type Operation } from './state/calls.js';
import { sessionReducer } from './state/session-assets.js';
import { videoRunReducer } from './state/video-run.js';

export interface AppProps {
  mockSettings: ParsedMockSettings;
  origin: string;
}

/** The call itself; `callId` lets a long call (a wait) report progress into its own card. */
type Exec<T> = (client: KyyClient, callId: number) => Promise<T>;

/** What a call is about, shown on its card. */
interface About {
  assetId?: string;
  taskId?: string;
}

export function App({ mockSettings, origin }: AppProps) {
  const [settings, setSettings] = useState<TargetSettings>(DEFAULT_TARGET_SETTINGS);
  const [mockState, setMockState] = useState<BrowserMockState>('starting');
  const [mockError, setMockError] = useState<string | undefined>();
  const [scenario, setScenario] = useState<AnyScenarioName | null>(null);
  // The fault is for the next call only. A flow of two calls (create, then wait) runs both from
  // one render's closures, so the call reads and clears it here rather than from that render.
  const pendingScenario = useRef(scenario);
  pendingScenario.current = scenario;
  const [problem, setProblem] = useState<string | undefined>();
  const [calls, dispatchCall] = useReducer(callsReducer, []);
  const [assets, dispatchAsset] = useReducer(sessionReducer, []);
  const [assetInput, setAssetInput] = useState('');
  const [detail, setDetail] = useState<DetailView | undefined>();
  const [uploading, setUploading] = useState(false);
  const [assetBusy, setAssetBusy] = useState(0);
  const [waitingFor, setWaitingFor] = useState<string | undefined>();
  const waitAbort = useRef<AbortController | undefined>(undefined);
  const [videoRun, dispatchVideo] = useReducer(videoRunReducer, undefined);
  const videoAbort = useRef<AbortController | undefined>(undefined);
  const nextId = useRef(1);

  // The in-page mock answers only while its target is chosen (see pauseBrowserMock for why).
  useEffect(() => {
    let current = true;
    if (settings.kind === 'browser-mock') {
      setMockState('starting');
      startBrowserMock(mockSettings.settings).then(
        () => {
          if (!current) return;
          setMockState('ready');
          setMockError(undefined);
        },
        (error: unknown) => {
          if (!current) return;
          setMockState('failed');
          setMockError(
            `${error instanceof Error ? error.message : String(error)} Reload the page; if it persists, use the local mock server target.`,
          );
        },
      );
    } else {
      void pauseBrowserMock().then(() => current && setMockState('paused'));
    }
    return () => {
      current = false;
    };
  }, [settings.kind, mockSettings]);

  const onSettings = (next: TargetSettings) => {
    if (next.kind !== settings.kind && next.kind === 'real') setScenario(null);
    setSettings(next);
    setProblem(undefined);
  };

  const perform = useCallback(
    async <T,>(
      operation: Operation,
      { assetId, taskId }: About,
      exec: Exec<T>,
      onSuccess?: (value: T) => Partial<CallRecord>,
    ): Promise<RunOutcome<T> | undefined> => {
      const resolved = resolveTarget(settings, origin);
      if (!resolved.ok) {
        setProblem(resolved.problem);
        return undefined;
      }
      if (settings.kind === 'browser-mock' && mockState !== 'ready') {
        setProblem('The in-browser mock is not ready yet; wait a moment (or reload the page).');
        return undefined;
      }
      setProblem(undefined);
      const { target } = resolved;
      const usedScenario =
        target.scenarioDelivery === 'unavailable' ? null : pendingScenario.current;
      pendingScenario.current = null;
      setScenario(null);
      const id = nextId.current++;
      dispatchCall({
        type: 'start',
        call: {
          id,
          operation,
          ...(assetId ? { assetId, ref: toAssetRef(assetId) } : {}),
          ...(taskId ? { taskId } : {}),
          target: target.kind,
          scenario: usedScenario,
          state: 'running',
          exchanges: [],
          statuses: [],
          ...(target.curlNote ? { curlNote: target.curlNote } : {}),
        },
      });
      const outcome = await runCall({
        target,
        scenario: usedScenario,
        onExchange: (exchange) => dispatchCall({ type: 'exchange', id, exchange }),
        exec: (client) => exec(client, id),
      });
      dispatchCall({
        type: 'finish',
        id,
        patch: outcome.ok
          ? {
              state: 'ok',
              durationMs: outcome.durationMs,
              result: outcome.value,
              ...onSuccess?.(outcome.value),
            }
          : { state: 'error', durationMs: outcome.durationMs, error: outcome.error },
      });
      return outcome;
    },
    [settings, origin, mockState],
  );

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
    try {
      const outcome = await perform(
        'upload',
        {},
        (client) => client.assets.upload(input),
        ({ assetId, ref }) => ({ assetId, ref }),
      );
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
            target: settings.kind,
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
          dispatchCall({ type: 'status', id, status: asset.status });
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

  const waitForVideo = async (taskId: string) => {
    const controller = new AbortController();
    videoAbort.current?.abort();
    videoAbort.current = controller;
    dispatchVideo({ type: 'waiting' });
    const intervalMs = videoPollIntervalMs(settings.kind);
    const outcome = await perform('video-wait', { taskId }, (client, id) =>
      client.videos.waitUntilDone(taskId, {
        signal: controller.signal,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onStatus: (task) => {
          dispatchCall({ type: 'status', id, status: task.status });
          dispatchVideo({ type: 'task', task });
        },
      }),
    );
    if (videoAbort.current === controller) videoAbort.current = undefined;
    if (!outcome) return dispatchVideo({ type: 'stopped' });
    if (outcome.ok) return dispatchVideo({ type: 'task', task: outcome.value });
    if (outcome.cause instanceof KyyVideoFailedError) {
      dispatchVideo({ type: 'task', task: outcome.cause.task });
    }
    if (outcome.cause instanceof KyyAbortError) return dispatchVideo({ type: 'stopped' });
    dispatchVideo({ type: 'error', error: outcome.error });
  };

  const generateVideo = async (body: CreateVideoTaskRequest) => {
    videoAbort.current?.abort();
    dispatchVideo({ type: 'creating' });
    const outcome = await perform(
      'video-create',
      {},
      (client) => client.videos.create(body),
      (task) => ({ taskId: task.id, statuses: [task.status] }),
    );
    if (!outcome) return dispatchVideo({ type: 'clear' });
    if (!outcome.ok) {
      // An unclear create may still have named a task: keep its id so it can be waited for.
      const taskId = outcome.cause instanceof KyyError ? outcome.cause.taskId : undefined;
      return dispatchVideo({ type: 'error', error: outcome.error, ...(taskId ? { taskId } : {}) });
    }
    dispatchVideo({ type: 'task', task: outcome.value });
    await waitForVideo(outcome.value.id);
  };

  return (
    <div className="app">
      <a className="skip" href="#call-log">
        Skip to the call log
      </a>
      <header className="top">
        <h1>KyyVideo2 playground</h1>
        <p className="muted">
          Try every asset and video call without writing code. Each call below shows its HTTP
          status, envelope, time and the curl command that repeats it.
        </p>
      </header>
      <main className="grid">
        <div className="column">
          <TargetPanel
            settings={settings}
            onChange={onSettings}
            mockState={mockState}
            mockError={mockError}
            mockSettings={mockSettings}
            scenario={scenario}
            onScenario={setScenario}
            problem={problem}
          />
          <UploadForm
            target={settings.kind}
            sampleMediaBase={sampleMediaBaseUrl(settings, origin)}
            busy={uploading}
            onUpload={(input) => void upload(input)}
          />
          <AssetPanel
            value={assetInput}
            onValueChange={setAssetInput}
            detail={detail}
            waitingFor={waitingFor}
            busy={assetBusy > 0}
            onGet={get}
            onWait={wait}
            onStopWait={stopWait}
            onDelete={remove}
          />
          <SessionAssets
            assets={assets}
            onSelect={(assetId) => {
              setAssetInput(assetId);
              get(assetId);
            }}
          />
          <VideoPanel
            target={settings.kind}
            assets={assets}
            run={videoRun}
            onGenerate={(body) => void generateVideo(body)}
            onStopWait={() => videoAbort.current?.abort()}
            onWaitAgain={(taskId) => void waitForVideo(taskId)}
          />
        </div>
        <div className="column">
          <CallLog calls={calls} onClear={() => dispatchCall({ type: 'clear' })} />
        </div>
      </main>
    </div>
  );
}
