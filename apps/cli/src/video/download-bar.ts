import type { DownloadProgress } from '@kyyvideo/client';
import type { Output } from '../output.js';
import { createProgressBar } from '../progress-bar.js';

export interface DownloadBar {
  onProgress(progress: DownloadProgress): void;
  stop(): void;
}

const SILENT: DownloadBar = { onProgress() {}, stop() {} };

export function megabytes(bytes: number): string {
  return bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * A cli-progress bar on stderr while the MP4 arrives (only on a terminal, like the batch's bar;
 * never with --json or --quiet). Without a Content-Length it counts bytes only.
 */
export async function createDownloadBar(out: Output): Promise<DownloadBar> {
  if (out.json || out.quiet || !out.stderr.isTTY) return SILENT;
  const bar = await createProgressBar(
    out,
    ' downloading {bar} {percentage}% | {received} of {size}',
  );
  let started = false;
  return {
    onProgress({ receivedBytes, totalBytes }) {
      const payload = {
        received: megabytes(receivedBytes),
        size: totalBytes === undefined ? '?' : megabytes(totalBytes),
      };
      if (!started) {
        started = true;
        bar.start(totalBytes ?? 0, receivedBytes, payload);
      } else {
        bar.update(receivedBytes, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
