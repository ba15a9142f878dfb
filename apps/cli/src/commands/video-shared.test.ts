import { MOCK_TASK_POLL_INTERVAL_MS } from '@kyyvideo/mock/cli';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../context.js';
import { intervalMs, resumeCommand, waitOptions } from './video-shared.js';

const ctx = (globals: CommandContext['globals']) => ({ globals }) as CommandContext;
const ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';

describe('resumeCommand', () => {
  it('repeats the target flags and the file, and only the wait flags that were changed', () => {
    expect(
      resumeCommand(ctx({ mock: true, json: false, quiet: false }), ID, {
        timeout: 600,
        out: 'cat.mp4',
      }),
    ).toBe(`kyy --mock videos wait ${ID} --out cat.mp4`);
    expect(
      resumeCommand(
        ctx({
          baseUrl: 'http://127.0.0.1:4901/x',
          apiKeyFile: 'my key.txt',
          json: true,
          quiet: false,
        }),
        ID,
        { timeout: 30, interval: 2, out: 'my video.mp4' },
      ),
    ).toBe(
      `kyy --base-url http://127.0.0.1:4901/x --api-key-file 'my key.txt' videos wait ${ID} --out 'my video.mp4' --timeout 30 --interval 2`,
    );
  });
});

describe('intervalMs', () => {
  const flags = { timeout: 600 };
  it('is --interval when given, else the mock task timing with --mock, else the client default', () => {
    const mock = ctx({ mock: true, json: false, quiet: false });
    const real = ctx({ json: false, quiet: false });
    expect(intervalMs(mock, { ...flags, interval: 2.5 })).toBe(2500);
    expect(intervalMs(mock, flags)).toBe(MOCK_TASK_POLL_INTERVAL_MS);
    expect(intervalMs(real, flags)).toBeUndefined();
    expect(waitOptions(mock, flags)).toMatchObject({ intervalMs: MOCK_TASK_POLL_INTERVAL_MS });
    expect(waitOptions(real, flags)).not.toHaveProperty('intervalMs');
  });
});
