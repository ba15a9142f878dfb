import { describe, expect, it } from 'vitest';
import { embedFindings } from './render-report.js';

describe('embedFindings', () => {
  it('drops the title and pushes every heading down one level', () => {
    const text = '# Findings\n\n## Mock\n\ntext\n\n### Why\n\n- a # not a heading\n';
    expect(embedFindings(text)).toBe('### Mock\n\ntext\n\n#### Why\n\n- a # not a heading');
  });
});
