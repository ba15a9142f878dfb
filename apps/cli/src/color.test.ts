import { describe, expect, it } from 'vitest';
import { useColor } from './color.js';

describe('useColor', () => {
  const tty = { write() {}, isTTY: true };
  const pipe = { write() {}, isTTY: false };

  it('colours a terminal only', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(pipe, {})).toBe(false);
  });

  it('never colours with NO_COLOR set, or on a dumb terminal; FORCE_COLOR cannot override a pipe', () => {
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(tty, { TERM: 'dumb' })).toBe(false);
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(false);
    // An empty NO_COLOR does not count (no-color.org).
    expect(useColor(tty, { NO_COLOR: '' })).toBe(true);
  });
});
