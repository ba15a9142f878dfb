import { isSuccessCode } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_EXAMPLES, readFixture } from '../src/documented-examples.js';
import { createOpenApiValidator, type OperationId } from '../src/openapi-validator.js';

const validator = createOpenApiValidator();

const validate = (operation: OperationId, kind: 'request' | 'response', value: unknown) =>
  kind === 'request'
    ? validator.validateRequestBody(operation, value)
    : validator.validateResponse(operation, 200, value);

describe('the documentation examples (fixtures/) against spec/openapi.yaml', () => {
  for (const example of DOCUMENTED_EXAMPLES) {
    describe(example.file, () => {
      const value = readFixture(example.file);

      it(`conforms to the ${example.operation} ${example.kind} schema`, () => {
        expect(validate(example.operation, example.kind, value).errors).toEqual([]);
      });

      if (example.outcome) {
        it(`is a ${example.outcome}`, () => {
          expect(isSuccessCode((value as { code: unknown }).code)).toBe(
            example.outcome === 'success',
          );
        });
      }

      if (example.specExample) {
        it(`is what the spec's "${example.specExample}" example says`, () => {
          const where = example.kind === 'request' ? 'request' : 200;
          expect(
            validator.examples(example.operation, where)[example.specExample as string],
          ).toEqual(value);
        });
      }
    });
  }

  it('has every example the spec attaches to a 200 answer conform as well', () => {
    for (const operation of validator.operations) {
      const examples = validator.examples(operation.id, 200);
      expect(Object.keys(examples).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(examples)) {
        expect({
          name,
          errors: validator.validateResponse(operation.id, 200, value).errors,
        }).toEqual({ name, errors: [] });
      }
    }
  });

  // The fixtures only prove something if a small change to them would be caught.
  it.each([
    ['upload-success.json', 'uploadAsset', (v: Record<string, unknown>) => ({ ...v, code: '0' })],
    [
      'upload-success.json',
      'uploadAsset',
      (v: Record<string, unknown>) => ({ ...v, data: { assetId: 'asset-1' } }),
    ],
    [
      'detail-success.json',
      'getAsset',
      (v: Record<string, unknown>) => ({ ...v, data: { ...(v.data as object), status: 'active' } }),
    ],
    [
      'detail-success.json',
      'getAsset',
      (v: Record<string, unknown>) => ({
        ...v,
        data: { ...(v.data as object), createTime: '2026-03-30T14:21:58Z' },
      }),
    ],
    ['delete-success.json', 'deleteAsset', (v: Record<string, unknown>) => ({ ...v, code: 0 })],
    [
      'upload-url-unreachable.json',
      'uploadAsset',
      (v: Record<string, unknown>) => ({ ...v, data: {} }),
    ],
  ] as const)('rejects %s for %s once altered (%#)', (file, operation, alter) => {
    const altered = alter(readFixture(file) as Record<string, unknown>);
    expect(validator.validateResponse(operation, 200, altered).ok).toBe(false);
  });

  it('rejects the documented request with a lower-case assetType', () => {
    const request = readFixture('upload-request.json') as Record<string, unknown>;
    expect(
      validator.validateRequestBody('uploadAsset', { ...request, assetType: 'image' }).ok,
    ).toBe(false);
  });
});
