import { BASE_PATH, checkBaseUrl, DEFAULT_BASE_URL, errorsOf } from '@kyyvideo/contract';
import { MEDIA_PATH } from '@kyyvideo/mock';
import { LOCAL_MOCK_URL } from './launched-mock.js';
import { REAL_SERVICE_PROXY_PATH } from './proxy-path.js';

export type TargetKind = 'browser-mock' | 'local-server' | 'real';

export const TARGET_KINDS: readonly TargetKind[] = ['browser-mock', 'local-server', 'real'];

export const TARGET_LABELS: Record<TargetKind, string> = {
  'browser-mock': 'In-browser mock',
  'local-server': 'Local mock server',
  real: 'Real service',
};

/** The mocks accept any non-empty token unless started with an explicit key; this one is not a secret. */
export const MOCK_TOKEN = 'playground-mock-token';

/** Shell text for the key in a curl command. The real key is never written into a command. */
export const REAL_KEY_PLACEHOLDER = '$KYY_API_KEY';
/** For the mocks any token works, so the command still runs when KYY_API_KEY is unset. */
export const MOCK_KEY_PLACEHOLDER = `\${KYY_API_KEY:-${MOCK_TOKEN}}`;

export interface TargetSettings {
  kind: TargetKind;
  /** Base URL of the standalone mock server (`pnpm mock`). */
  localServerUrl: string;
  /** Only needed when the mock server was started with `--api-key`. */
  localServerKey: string;
  /** The user's real key: kept in this tab's memory only. */
  realKey: string;
}

export const DEFAULT_TARGET_SETTINGS: TargetSettings = {
  kind: 'browser-mock',
  localServerUrl: LOCAL_MOCK_URL,
  localServerKey: '',
  realKey: '',
};

/** Mock faults travel as the mock's scenario header; the real service has none. */
export type ScenarioDelivery = 'header' | 'unavailable';

export interface ResolvedTarget {
  kind: TargetKind;
  /** What the client calls from this page. */
  baseUrl: string;
  apiKey: string;
  /** What a terminal would call for the same request (the curl command uses it). */
  curlBaseUrl: string;
  keyPlaceholder: string;
  /** Shown under each curl command. */
  curlNote?: string;
  scenarioDelivery: ScenarioDelivery;
}

export type TargetResolution =
  | { ok: true; target: ResolvedTarget }
  | { ok: false; problem: string };

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Turns the settings into what a call needs, or says what is missing before anything is sent. */
export function resolveTarget(settings: TargetSettings, pageOrigin: string): TargetResolution {
  switch (settings.kind) {
    case 'browser-mock':
      return {
        ok: true,
        target: {
          kind: 'browser-mock',
          baseUrl: `${pageOrigin}${BASE_PATH}`,
          apiKey: MOCK_TOKEN,
          curlBaseUrl: LOCAL_MOCK_URL,
          keyPlaceholder: MOCK_KEY_PLACEHOLDER,
          curlNote:
            'The in-browser mock lives in this tab, so this command sends the same call to the local mock server (start it with `pnpm mock`).',
          scenarioDelivery: 'header',
        },
      };
    case 'local-server': {
      const url = settings.localServerUrl.trim();
      // The contract's rule (the client and kyy apply it too), in the form's words.
      const [refusal] = errorsOf(checkBaseUrl(url, 'localServerUrl'));
      if (refusal) {
        return {
          ok: false,
          problem: `The local mock server URL is not usable: ${refusal.hint} Use one like ${LOCAL_MOCK_URL}.`,
        };
      }
      const key = settings.localServerKey.trim();
      return {
        ok: true,
        target: {
          kind: 'local-server',
          baseUrl: trimSlash(url),
          apiKey: key === '' ? MOCK_TOKEN : key,
          curlBaseUrl: trimSlash(url),
          keyPlaceholder: key === '' ? MOCK_KEY_PLACEHOLDER : REAL_KEY_PLACEHOLDER,
          scenarioDelivery: 'header',
        },
      };
    }
    case 'real': {
      const key = settings.realKey.trim();
      if (key === '') {
        return {
          ok: false,
          problem: 'Enter your API key to call the real service (it stays in this tab only).',
        };
      }
      return {
        ok: true,
        target: {
          kind: 'real',
          baseUrl: `${pageOrigin}${REAL_SERVICE_PROXY_PATH}`,
          apiKey: key,
          curlBaseUrl: DEFAULT_BASE_URL,
          keyPlaceholder: REAL_KEY_PLACEHOLDER,
          curlNote:
            'Set KYY_API_KEY in your shell first: the playground never writes your key into a command.',
          scenarioDelivery: 'unavailable',
        },
      };
    }
  }
}

/** Rewrites a URL the page called into the URL a terminal would call for the same request. */
export function toPublicUrl(url: string, target: Pick<ResolvedTarget, 'baseUrl' | 'curlBaseUrl'>) {
  return url.startsWith(target.baseUrl)
    ? target.curlBaseUrl + url.slice(target.baseUrl.length)
    : url;
}

/**
 * Pause between polls of a video task. The mocks finish a task in seconds (a mock-only choice),
 * so the page polls every second there; against the real service the client's defaults apply
 * (the documented polling interval, from the contract; sooner for fast models).
 */
export const MOCK_VIDEO_POLL_INTERVAL_MS = 1_000;

export function videoPollIntervalMs(kind: TargetKind): number | undefined {
  return kind === 'real' ? undefined : MOCK_VIDEO_POLL_INTERVAL_MS;
}

/**
 * Where the chosen mock serves its sample media (a real image, MP4 and WAV), so uploads and
 * previews work offline; undefined for the real service, which has none.
 */
export function sampleMediaBaseUrl(settings: TargetSettings, pageOrigin: string) {
  if (settings.kind === 'real') return undefined;
  const resolved = resolveTarget(settings, pageOrigin);
  return resolved.ok ? `${resolved.target.baseUrl}${MEDIA_PATH}` : undefined;
}
