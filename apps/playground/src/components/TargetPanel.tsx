import {
  type AnyScenarioName,
  SCENARIOS,
  VIDEO_FAIL_MARKER,
  VIDEO_SCENARIOS,
} from '@kyyvideo/mock';
import { LOCAL_MOCK_URL } from '../lib/launched-mock.js';
import type { ParsedMockSettings } from '../lib/mock-settings.js';
import {
  TARGET_KINDS,
  TARGET_LABELS,
  type TargetKind,
  type TargetSettings,
} from '../lib/targets.js';
import { InlineText } from './InlineText.js';
import { SecretInput } from './SecretInput.js';

export type BrowserMockState = 'starting' | 'ready' | 'paused' | 'failed';

export interface TargetPanelProps {
  settings: TargetSettings;
  onChange: (settings: TargetSettings) => void;
  mockState: BrowserMockState;
  mockError?: string | undefined;
  mockSettings: ParsedMockSettings;
  scenario: AnyScenarioName | null;
  onScenario: (scenario: AnyScenarioName | null) => void;
  problem?: string | undefined;
}

const DESCRIPTIONS: Record<TargetKind, string> = {
  'browser-mock':
    'Offline. A mock running in this tab answers every call; its data lasts until you reload.',
  'local-server': 'The standalone mock server from `pnpm mock` (or `pnpm start`).',
  real: 'The real KyyVideo2 service, through this playground’s server so the browser allows it.',
};

const MOCK_STATE_TEXT: Record<BrowserMockState, string> = {
  starting: 'Starting the in-browser mock…',
  ready: 'In-browser mock ready.',
  paused: 'In-browser mock paused.',
  failed: 'The in-browser mock could not start.',
};

function MockSettingsNote({ mockSettings }: { mockSettings: ParsedMockSettings }) {
  const entries = Object.entries(mockSettings.settings);
  // Folded by default: the forms below matter more on the first screen than these details.
  return (
    <>
      <details className="note small">
        <summary>Mock-only behaviour, and how to tune it</summary>
        <p>
          Mock-only behaviour: a URL on a host ending in <code>.invalid</code> answers code 1001; a
          name or URL containing <code>reject</code> ends <code>Failed</code>; <code>face</code>,{' '}
          <code>avatar</code> or <code>portrait</code> makes review take longer; a video prompt
          containing <code>{VIDEO_FAIL_MARKER}</code> makes the task end <code>failed</code>.
        </p>
        <p>
          Tune it from the address bar, e.g. <code>?reviewDelayMs=500</code> (also{' '}
          <code>faceReviewDelayMs</code>, <code>latencyMs</code>, <code>seed</code>, and for video
          tasks <code>taskQueuedMs</code> and <code>taskProcessingMs</code>).
          {entries.length > 0
            ? ` Now: ${entries.map(([name, value]) => `${name}=${value}`).join(', ')}.`
            : ''}
        </p>
      </details>
      {mockSettings.ignored.map((line) => (
        <p key={line} className="warning small">
          {line}
        </p>
      ))}
    </>
  );
}

export function TargetPanel(props: TargetPanelProps) {
  const { settings, onChange } = props;
  const set = (patch: Partial<TargetSettings>) => onChange({ ...settings, ...patch });
  const scenarioAvailable = settings.kind !== 'real';

  return (
    <section className="panel target" aria-labelledby="target-title">
      <h2 id="target-title">Target</h2>
      <fieldset className="target-switch">
        <legend>Send calls to</legend>
        {TARGET_KINDS.map((kind) => (
          <label key={kind} className={`choice${settings.kind === kind ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="target"
              value={kind}
              checked={settings.kind === kind}
              onChange={() => set({ kind })}
            />
            <span className="choice-title">{TARGET_LABELS[kind]}</span>
            <span className="choice-text">
              <InlineText text={DESCRIPTIONS[kind]} />
            </span>
          </label>
        ))}
      </fieldset>

      {settings.kind === 'browser-mock' ? (
        <>
          <p
            className={`mock-state mock-${props.mockState}`}
            role="status"
            data-testid="mock-state"
          >
            {MOCK_STATE_TEXT[props.mockState]}
            {props.mockError ? <InlineText text={` ${props.mockError}`} /> : null}
          </p>
          <MockSettingsNote mockSettings={props.mockSettings} />
        </>
      ) : null}

      {settings.kind === 'local-server' ? (
        <div className="fields">
          <label className="field">
            <span>Mock server base URL</span>
            <input
              type="url"
              value={settings.localServerUrl}
              onChange={(event) => set({ localServerUrl: event.target.value })}
              placeholder={LOCAL_MOCK_URL}
              spellCheck={false}
            />
          </label>
          <label className="field" htmlFor="local-key">
            <span>Key (only if the server was started with --api-key)</span>
            <SecretInput
              id="local-key"
              value={settings.localServerKey}
              onValueChange={(localServerKey) => set({ localServerKey })}
            />
          </label>
        </div>
      ) : null}

      {settings.kind === 'real' ? (
        <div className="fields">
          <label className="field" htmlFor="real-key">
            <span>API key</span>
            <SecretInput
              id="real-key"
              value={settings.realKey}
              onValueChange={(realKey) => set({ realKey })}
              aria-describedby="key-note"
            />
          </label>
          <p id="key-note" className="note small">
            Your key stays in this tab’s memory only: it is not saved anywhere, is cleared when you
            reload or close the tab, is shown masked, never appears in a URL, a log or a curl
            command. Calls go through this playground’s own server (a proxy) only because the
            service does not allow browsers to call it directly.
          </p>
          {settings.realKey !== '' ? (
            <button type="button" className="secondary" onClick={() => set({ realKey: '' })}>
              Forget key
            </button>
          ) : null}
        </div>
      ) : null}

      <label className="field scenario">
        <span>Mock fault for the next call</span>
        <select
          value={props.scenario ?? ''}
          disabled={!scenarioAvailable}
          onChange={(event) =>
            props.onScenario(
              event.target.value === '' ? null : (event.target.value as AnyScenarioName),
            )
          }
          aria-describedby="scenario-note"
        >
          <option value="">No fault</option>
          {SCENARIOS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          <optgroup label="Video tasks (send it with the create)">
            {VIDEO_SCENARIOS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <p id="scenario-note" className="muted small">
        {scenarioAvailable
          ? 'Mock-only. Applies to every request of the next call (retries included), then resets to “No fault”.'
          : 'Faults are a mock feature; the real service answers for itself.'}
      </p>

      {props.problem ? (
        <p className="warning" role="alert">
          {props.problem}
        </p>
      ) : null}
    </section>
  );
}
