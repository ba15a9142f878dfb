import { DOCUMENTED_VIDEO_URL_LIFETIME_MS } from '@kyyvideo/contract';
import { type MouseEvent, useState } from 'react';
import { saveUrlAs } from '../lib/save-file.js';

const LIFETIME_HOURS = Math.round(DOCUMENTED_VIDEO_URL_LIFETIME_MS / 3_600_000);

type SaveState = { state: 'idle' | 'saving' | 'saved' } | { state: 'failed'; reason: string };

/** The finished video, played in place, with a link that saves the MP4 and keeps the page. */
export function VideoResult({ taskId, url }: { taskId: string; url: string }) {
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const filename = `${taskId}.mp4`;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setSave({ state: 'saving' });
    saveUrlAs(url, filename).then(
      () => setSave({ state: 'saved' }),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        setSave({ state: 'failed', reason });
      },
    );
  };
  return (
    <figure className="video-result">
      {/* biome-ignore lint/a11y/useMediaCaption: there is no caption track for a generated video */}
      <video
        data-testid="result-video"
        controls
        preload="auto"
        src={url}
        aria-label={`Video of task ${taskId}`}
      />
      <figcaption>
        <a href={url} download={filename} onClick={onClick} data-testid="video-download">
          Download the MP4
        </a>{' '}
        <span className="muted small" role="status">
          {save.state === 'saving' ? 'Saving… ' : null}
          {save.state === 'saved' ? `Saved as ${filename}. ` : null}
          {save.state === 'failed' ? (
            <>
              The browser could not fetch it here ({save.reason}):{' '}
              <a href={url} target="_blank" rel="noopener noreferrer">
                open the video in a new tab
              </a>{' '}
              and save it from there.{' '}
            </>
          ) : null}
          The link stays valid for about {LIFETIME_HOURS} hours: save the file soon.
        </span>
      </figcaption>
    </figure>
  );
}
