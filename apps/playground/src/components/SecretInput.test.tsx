import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SecretInput } from './SecretInput.js';

describe('SecretInput', () => {
  it('renders a masked input whose markup never carries the key', () => {
    const html = renderToStaticMarkup(
      <SecretInput id="k" value="sk-live-0011223344556677" onValueChange={() => undefined} />,
    );
    expect(html).toContain('type="password"');
    expect(html).toContain('autoComplete="off"');
    expect(html).not.toContain('sk-live-0011223344556677');
  });
});
