import type { AssetType } from '@kyyvideo/contract';
import { useState } from 'react';

/**
 * Shows an asset's file the way a browser can: an image, a player for video and audio, a link
 * for a document. The URL is the one the asset was made from; when it does not load (an example
 * URL offline, a file since removed) the page says so instead of showing a broken element.
 */
export function MediaPreview({ assetType, url }: { assetType: AssetType; url: string }) {
  const [failed, setFailed] = useState<string | undefined>();
  if (failed === url) {
    return (
      <p className="muted small" data-testid="media-preview" data-kind="unavailable">
        The browser could not load this file for a preview. On the mock targets, the “Try:” examples
        use the mock’s own sample media, which always load.
      </p>
    );
  }
  const onError = () => setFailed(url);
  switch (assetType) {
    case 'Image':
      return (
        <img
          className="media-preview"
          data-testid="media-preview"
          data-kind="image"
          src={url}
          alt="The asset's file"
          onError={onError}
        />
      );
    case 'Video':
      return (
        // biome-ignore lint/a11y/useMediaCaption: a reference clip has no caption track
        <video
          className="media-preview"
          data-testid="media-preview"
          data-kind="video"
          src={url}
          controls
          preload="metadata"
          onError={onError}
        />
      );
    case 'Audio':
      return (
        // biome-ignore lint/a11y/useMediaCaption: reference audio has no caption track
        <audio
          data-testid="media-preview"
          data-kind="audio"
          src={url}
          controls
          preload="metadata"
          onError={onError}
        />
      );
    default:
      return (
        <a href={url} target="_blank" rel="noreferrer" data-testid="media-preview" data-kind="link">
          Open the document
        </a>
      );
  }
}
