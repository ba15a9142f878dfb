import { REFERENCE_VIDEO_RULES } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { REFERENCE_VIDEO_RULE_NAMES } from '../options.js';
import { MockUsageError, parseMockCliOptions } from './options.js';

describe('the video task flags', () => {
  it('offer exactly the reference-video rules the contract defines', () => {
    expect([...REFERENCE_VIDEO_RULE_NAMES].sort()).toEqual(
      Object.keys(REFERENCE_VIDEO_RULES).sort(),
    );
  });

  it('become the durations and the reference-video rule of the mock', () => {
    expect(
      parseMockCliOptions(
        { taskQueued: '0', taskProcessing: '250', referenceVideoRule: 'seedanceMirror' },
        {},
      ),
    ).toMatchObject({
      taskQueuedMs: 0,
      taskProcessingMs: 250,
      referenceVideoRule: 'seedanceMirror',
    });
    const settings = parseMockCliOptions({}, {});
    expect(settings).not.toHaveProperty('taskQueuedMs');
    expect(settings).not.toHaveProperty('referenceVideoRule');
    expect(() => parseMockCliOptions({ taskProcessing: '-1' }, {})).toThrow(MockUsageError);
  });
});
