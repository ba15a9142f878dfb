import { useEffect, useState } from 'react';
import type { BrowserMockState } from '../components/TargetPanel.js';
import type { ParsedMockSettings } from '../lib/mock-settings.js';
import type { TargetKind } from '../lib/targets.js';
import { pauseBrowserMock, startBrowserMock } from '../mock/browser-mock.js';

/** Runs the in-page mock while its target is chosen, and pauses it otherwise (see pauseBrowserMock). */
export function useBrowserMock(kind: TargetKind, mockSettings: ParsedMockSettings) {
  const [mockState, setMockState] = useState<BrowserMockState>('starting');
  const [mockError, setMockError] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    if (kind === 'browser-mock') {
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
  }, [kind, mockSettings]);

  return { mockState, mockError };
}
