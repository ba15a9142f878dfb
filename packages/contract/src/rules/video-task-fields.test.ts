import { describe, expect, it } from 'vitest';
import { buildVideoTask } from '../video-task.js';
import { checkVideoTask, VIDEO_TASK_FIELDS } from './video-task.js';
import {
  toVideoTaskFields,
  VIDEO_TASK_FIELD_NAMES,
  VIDEO_TASK_REFERENCE_NAMES,
} from './video-task-fields.js';

describe('toVideoTaskFields', () => {
  it('names every documented field, and only those', () => {
    const named = [
      ...Object.values(VIDEO_TASK_FIELD_NAMES),
      ...Object.values(VIDEO_TASK_REFERENCE_NAMES),
    ];
    expect([...named].sort()).toEqual([...VIDEO_TASK_FIELDS].sort());
  });

  it('renames camelCase options, passes each medium with its field and place, drops what is absent', () => {
    const seen: string[] = [];
    const body = toVideoTaskFields(
      {
        model: 'kyyvideo2',
        prompt: 'waves',
        aspectRatio: '9:16',
        generateAudio: false,
        firstImage: 'a',
        references: { images: [], videos: ['v0', 'v1'] },
      },
      (media, field, index) => {
        seen.push(`${field}${index === undefined ? '' : `[${index}]`}`);
        return `<${media}>`;
      },
    );
    expect(body).toEqual({
      model: 'kyyvideo2',
      prompt: 'waves',
      first_image: '<a>',
      aspect_ratio: '9:16',
      generateAudio: false,
      referenceVideos: ['<v0>', '<v1>'],
    });
    expect(seen).toEqual(['first_image', 'referenceVideos[0]', 'referenceVideos[1]']);
    // generateAudio false is a value, not an absence; an empty list is an absence.
    expect(body).not.toHaveProperty('referenceImages');
    expect(body).not.toHaveProperty('duration');
  });

  it('is what buildVideoTask sends', () => {
    const input = {
      model: 'kyyvideo2_fast',
      prompt: 'a cat',
      duration: 8,
      lastImage: 'https://example.com/b.png',
      firstImage: 'asset-20260330142158-q75m8',
      references: {},
    } as const;
    const body = buildVideoTask(input);
    expect(body).toEqual({
      model: 'kyyvideo2_fast',
      prompt: 'a cat',
      duration: 8,
      first_image: 'asset://asset-20260330142158-q75m8',
      last_image: 'https://example.com/b.png',
    });
    expect(checkVideoTask(body)).toEqual([]);
  });
});
