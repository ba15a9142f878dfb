import { ASSET_TYPES } from '@kyyvideo/contract';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MediaPreview } from './MediaPreview.js';

const URL = 'http://127.0.0.1:4800/kyyReactApiServer/mock-media/file';

describe('MediaPreview', () => {
  const expected = { Image: '<img', Video: '<video', Audio: '<audio', Document: '<a' } as const;
  it.each(ASSET_TYPES)('shows a %s asset with the element a browser plays it in', (assetType) => {
    const html = renderToStaticMarkup(<MediaPreview assetType={assetType} url={URL} />);
    // React may put a preload <link> first; the element itself carries the test id.
    expect(html).toContain(`${expected[assetType]} `);
    for (const other of Object.values(expected).filter((tag) => tag !== expected[assetType])) {
      expect(html).not.toContain(`${other} `);
    }
    expect(html).toContain(URL);
  });
});
