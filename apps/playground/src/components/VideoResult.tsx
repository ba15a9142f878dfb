import { DOCUMENTED_VIDEO_URL_LIFETIME_MS } from '@kyyvideo/contract';

const LIFETIME_HOURS = Math.round(DOCUMENTED_VIDEO_URL_LIFETIME_MS / 3_600_000);

/** The finished video, played in place, with a link to save the MP4. */
export function VideoResult({ taskId, url }: { taskId: string; url: string }) {
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
        <a href={url} download={`${taskId}.mp4`} data-testid="video-download">
          Download the MP4
        </a>{' '}
        <span className="muted small">
          The link stays valid for about {LIFETIME_HOURS} hours: save the file soon.
        </span>
      </figcaption>
    </figure>
  );
}
