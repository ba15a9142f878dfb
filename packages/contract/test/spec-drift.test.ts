import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { componentSchemas } from '../src/schemas.js';
import { DOCUMENTED_VIDEO_DURATION_S, VIDEO_MODELS } from '../src/video-constants.js';
import { CreateVideoTaskRequest, GetVideoTaskResponse } from '../src/video-schemas.js';
import { findDrift, loadSpec, normalize, type SpecDocument, zodAsOpenApi } from './spec-drift.js';

const spec = loadSpec();

describe('zod schemas equal the spec', () => {
  it('covers exactly the component schemas of the spec', () => {
    expect(Object.keys(componentSchemas).sort()).toEqual(
      Object.keys(spec.components.schemas).sort(),
    );
  });

  it.each(Object.keys(spec.components.schemas))('%s matches its spec component', (name) => {
    const zodSchema = componentSchemas[name as keyof typeof componentSchemas];
    expect(zodAsOpenApi(zodSchema, spec)).toEqual(normalize(spec.components.schemas[name], spec));
  });

  it('finds no drift in the committed spec', () => {
    expect(findDrift(spec, componentSchemas)).toEqual([]);
  });
});

describe('the drift check bites', () => {
  const mutated = (edit: (copy: SpecDocument) => void): SpecDocument => {
    const copy = structuredClone(spec);
    edit(copy);
    return copy;
  };

  it('notices an enum value removed from the spec', () => {
    const edited = mutated((copy) => {
      const assetType = copy.components.schemas.AssetType as { enum: string[] };
      assetType.enum = assetType.enum.filter((value) => value !== 'Document');
    });
    // AssetType itself, and every schema that embeds it.
    expect(findDrift(edited, componentSchemas)).toEqual(
      expect.arrayContaining(['AssetType', 'UploadAssetRequest', 'Asset', 'GetAssetResponse']),
    );
  });

  it('notices a required field made optional in the spec', () => {
    const edited = mutated((copy) => {
      const request = copy.components.schemas.UploadAssetRequest as { required: string[] };
      request.required = request.required.filter((field) => field !== 'url');
    });
    expect(findDrift(edited, componentSchemas)).toEqual(['UploadAssetRequest']);
  });

  it('notices a changed pattern, format or nullability', () => {
    const edited = mutated((copy) => {
      const asset = copy.components.schemas.Asset as {
        properties: Record<string, Record<string, unknown>>;
      };
      asset.properties.name = { type: 'string' };
    });
    expect(findDrift(edited, componentSchemas)).toEqual(['Asset', 'GetAssetResponse']);
  });

  it('notices a component that has no zod schema', () => {
    const edited = mutated((copy) => {
      copy.components.schemas.AssetList = {
        type: 'array',
        items: { $ref: '#/components/schemas/Asset' },
      };
    });
    expect(findDrift(edited, componentSchemas)).toEqual(['AssetList']);
  });

  it('ignores prose, which carries no meaning', () => {
    const edited = mutated((copy) => {
      (copy.components.schemas.AssetId as Record<string, unknown>).description = 'reworded';
    });
    expect(findDrift(edited, componentSchemas)).toEqual([]);
  });
});

describe('the drift check bites on the video task schemas', () => {
  const mutated = (edit: (copy: SpecDocument) => void): SpecDocument => {
    const copy = structuredClone(spec);
    edit(copy);
    return copy;
  };
  type ObjectSchema = { properties: Record<string, Record<string, unknown>>; required: string[] };
  const objectSchema = (copy: SpecDocument, name: string) =>
    copy.components.schemas[name] as unknown as ObjectSchema;
  const property = (copy: SpecDocument, name: string, field: string) => {
    const found = objectSchema(copy, name).properties[field];
    if (!found) throw new Error(`${name} has no property ${field}`);
    return found;
  };

  it('notices a model family dropped from the spec', () => {
    const edited = mutated((copy) => {
      const model = copy.components.schemas.VideoModel as { enum: string[] };
      model.enum = model.enum.filter((name) => !name.startsWith('seedance'));
    });
    expect(findDrift(edited, componentSchemas)).toEqual(['VideoModel', 'CreateVideoTaskRequest']);
  });

  it('notices a changed duration range in the spec', () => {
    const edited = mutated((copy) => {
      property(copy, 'CreateVideoTaskRequest', 'duration').maximum = 20;
    });
    expect(findDrift(edited, componentSchemas)).toEqual(['CreateVideoTaskRequest']);
  });

  it('notices video_url made required-non-null, or a field made required, in the spec', () => {
    const edited = mutated((copy) => {
      property(copy, 'GetVideoTaskResponse', 'video_url').type = 'string';
      objectSchema(copy, 'CreateVideoTaskRequest').required.push('duration');
    });
    expect(findDrift(edited, componentSchemas)).toEqual([
      'CreateVideoTaskRequest',
      'GetVideoTaskResponse',
    ]);
  });

  it('notices a task id pattern shared by both answers changing', () => {
    const edited = mutated((copy) => {
      (copy.components.schemas.VideoTaskId as { pattern: string }).pattern = '^video_.+$';
    });
    expect(findDrift(edited, componentSchemas)).toEqual([
      'VideoTaskId',
      'CreateVideoTaskResponse',
      'GetVideoTaskResponse',
    ]);
  });

  it('notices a zod schema that differs from the unchanged spec', () => {
    const drifted = {
      ...componentSchemas,
      // A reference array forgotten on the zod side, and `error` no longer nullable.
      CreateVideoTaskRequest: CreateVideoTaskRequest.omit({ referenceAudios: true }),
      GetVideoTaskResponse: GetVideoTaskResponse.extend({ error: z.string() }),
    };
    expect(findDrift(spec, drifted)).toEqual(['CreateVideoTaskRequest', 'GetVideoTaskResponse']);
  });

  it('records the documented duration default, which the comparison ignores as an annotation', () => {
    const duration = property(spec, 'CreateVideoTaskRequest', 'duration');
    expect(duration).toMatchObject({
      default: DOCUMENTED_VIDEO_DURATION_S.default,
      minimum: DOCUMENTED_VIDEO_DURATION_S.min,
      maximum: DOCUMENTED_VIDEO_DURATION_S.max,
    });
  });

  it('lists every model name of both documented families', () => {
    expect((spec.components.schemas.VideoModel as { enum: string[] }).enum).toEqual([
      ...VIDEO_MODELS,
    ]);
  });
});
