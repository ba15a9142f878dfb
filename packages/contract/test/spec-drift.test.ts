import { describe, expect, it } from 'vitest';
import { componentSchemas } from '../src/schemas.js';
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
