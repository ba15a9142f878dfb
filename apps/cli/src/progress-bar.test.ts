import { describe, expect, it } from 'vitest';
import { createProgress } from './batch/progress.js';
import { Output } from './output.js';
import { createDownloadBar } from './video/download-bar.js';

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

function output(isTTY: boolean, mode = { json: false, quiet: false }) {
  const written: string[] = [];
  const stderr = { write: (s: string) => written.push(s), isTTY, columns: 100 };
  const stdout = { write: () => true, isTTY, columns: 100 };
  return { out: new Output(stdout, stderr, { NO_COLOR: '1' }, mode), text: () => written.join('') };
}

// Both bars come from createProgressBar: the same look and the same terminal hygiene, each with
// its own format.
describe('the progress bars', () => {
  it('the download bar: its format, the cursor hidden while drawn and shown again', async () => {
    const { out, text } = output(true);
    const bar = await createDownloadBar(out);
    bar.onProgress({ receivedBytes: 500_000, totalBytes: 1_000_000 });
    bar.stop();
    expect(text()).toContain(' downloading ');
    expect(text()).toContain('50% | 500.0 kB of 1.0 MB');
    expect(text().indexOf(HIDE_CURSOR)).toBeLessThan(text().lastIndexOf(SHOW_CURSOR));
  });

  it('the batch bar: its format, the same cursor handling', async () => {
    const { out, text } = output(true);
    const progress = await createProgress(out, 2, { ok: 1, failed: 0 });
    progress.stop();
    expect(text()).toContain('1/2 | 1 ok, 0 failed');
    expect(text()).toContain('\u2588'); // the shades_classic filled block both bars use
    expect(text().indexOf(HIDE_CURSOR)).toBeLessThan(text().lastIndexOf(SHOW_CURSOR));
  });

  it('draws nothing off a terminal', async () => {
    const { out, text } = output(false);
    const bar = await createDownloadBar(out);
    bar.onProgress({ receivedBytes: 500_000, totalBytes: 1_000_000 });
    bar.stop();
    expect(text()).toBe('');
  });
});
