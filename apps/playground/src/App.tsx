import { useState } from 'react';
import { useAssetActions } from './app/use-asset-actions.js';
import { useBrowserMock } from './app/use-browser-mock.js';
import { useCallRunner } from './app/use-call-runner.js';
import { useVideoActions } from './app/use-video-actions.js';
import { AssetPanel } from './components/AssetPanel.js';
import { CallLog } from './components/CallLog.js';
import { SessionAssets } from './components/SessionAssets.js';
import { TargetPanel } from './components/TargetPanel.js';
import { UploadForm } from './components/UploadForm.js';
import { VideoPanel } from './components/VideoPanel.js';
import type { ParsedMockSettings } from './lib/mock-settings.js';
import { DEFAULT_TARGET_SETTINGS, sampleMediaBaseUrl, type TargetSettings } from './lib/targets.js';

export interface AppProps {
  mockSettings: ParsedMockSettings;
  origin: string;
}

/**
 * Three columns on a wide screen, so that uploading and generating are both in view at once:
 * the target and the asset calls, the video task, and the call log.
 */
export function App({ mockSettings, origin }: AppProps) {
  const [settings, setSettings] = useState<TargetSettings>(DEFAULT_TARGET_SETTINGS);
  const { mockState, mockError } = useBrowserMock(settings.kind, mockSettings);
  const runner = useCallRunner(settings, origin, mockState);
  const assets = useAssetActions(runner.perform, runner.reportStatus, settings.kind);
  const video = useVideoActions(runner.perform, runner.reportStatus, settings.kind);

  const onSettings = (next: TargetSettings) => {
    if (next.kind !== settings.kind && next.kind === 'real') runner.setScenario(null);
    setSettings(next);
    runner.setProblem(undefined);
  };

  return (
    <div className="app">
      <a className="skip" href="#call-log">
        Skip to the call log
      </a>
      <header className="top">
        <h1>KyyVideo2 playground</h1>
        <p className="muted">
          Try every asset and video call without writing code. Each call shows its HTTP status,
          envelope, time and the curl command that repeats it.
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
            scenario={runner.scenario}
            onScenario={runner.setScenario}
            problem={runner.problem}
          />
          <UploadForm
            target={settings.kind}
            sampleMediaBase={sampleMediaBaseUrl(settings, origin)}
            busy={assets.uploading}
            failure={assets.uploadError}
            onUpload={(input) => void assets.upload(input)}
          />
          <AssetPanel
            value={assets.assetInput}
            onValueChange={assets.setAssetInput}
            detail={assets.detail}
            waitingFor={assets.waitingFor}
            busy={assets.assetBusy}
            onGet={assets.get}
            onWait={assets.wait}
            onStopWait={assets.stopWait}
            onDelete={assets.remove}
          />
          <SessionAssets
            assets={assets.assets}
            onSelect={(assetId) => {
              assets.setAssetInput(assetId);
              assets.get(assetId);
            }}
          />
        </div>
        <div className="column">
          <VideoPanel
            target={settings.kind}
            assets={assets.assets}
            run={video.videoRun}
            onGenerate={(body) => void video.generateVideo(body)}
            onStopWait={video.stopVideoWait}
            onWaitAgain={(taskId) => void video.waitForVideo(taskId)}
          />
        </div>
        <div className="column">
          <CallLog calls={runner.calls} onClear={runner.clearCalls} />
        </div>
      </main>
    </div>
  );
}
