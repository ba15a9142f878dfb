import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SessionAsset } from '../state/session-assets.js';
import { VideoPanel, type VideoPanelProps } from './VideoPanel.js';

const ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';
const URL = 'https://cdn.example.com/out.mp4';

const asset = (n: number, patch: Partial<SessionAsset>): SessionAsset => {
  const assetId = `asset-2026033014215${n}-q75m8`;
  return {
    assetId,
    ref: `asset://${assetId}`,
    assetType: 'Image',
    url: 'https://example.com/a.png',
    target: 'browser-mock',
    status: 'Active',
    ...patch,
  };
};

const render = (patch: Partial<VideoPanelProps>) =>
  renderToStaticMarkup(
    <VideoPanel
      target="browser-mock"
      assets={[]}
      run={undefined}
      onGenerate={() => {}}
      onStopWait={() => {}}
      onWaitAgain={() => {}}
      {...patch}
    />,
  );

describe('VideoPanel', () => {
  it('offers only Active assets of the right type and target for a frame', () => {
    const html = render({
      assets: [
        asset(1, { name: 'usable' }),
        asset(2, { status: 'Processing' }),
        asset(3, { assetType: 'Audio' }),
        asset(4, { target: 'real' }),
      ],
    });
    const frame = html.slice(html.indexOf('for First frame'), html.indexOf('for Last frame'));
    expect(frame).toContain('usable · asset-20260330142151-q75m8');
    for (const n of [2, 3, 4]) expect(frame).not.toContain(`asset-2026033014215${n}`);
    // The audio asset is offered where audio belongs.
    const audios = html.slice(html.indexOf('for Reference audios'));
    expect(audios).toContain('asset-20260330142153-q75m8');
  });

  it('plays a completed task’s video and links its MP4', () => {
    const html = render({
      run: {
        phase: 'completed',
        taskId: ID,
        task: {
          id: ID,
          object: 'video',
          created: 1,
          model: 'kyyvideo2_fast',
          status: 'completed',
          video_url: URL,
          error: null,
        },
        statuses: ['queued', 'processing', 'completed'],
      },
    });
    expect(html).toContain(
      `<video data-testid="result-video" controls="" preload="auto" src="${URL}"`,
    );
    expect(html).toContain(`href="${URL}" download="${ID}.mp4"`);
    expect(html).toContain('Statuses seen: queued → processing → completed');
  });

  it('shows no player before the task is completed, and a way to stop waiting', () => {
    const html = render({
      run: { phase: 'waiting', taskId: ID, statuses: ['queued'] },
    });
    expect(html).not.toContain('<video');
    expect(html).toContain('Stop waiting');
  });

  it('warns about cost and states the documented polling only for the real service', () => {
    expect(render({ target: 'real' })).toContain(
      'Each task costs money. Waiting polls every 20–40 s, as the documentation advises (10–20 s for fast models)',
    );
    expect(render({ target: 'browser-mock' })).not.toContain('costs money');
  });
});
