import { describe, expect, it } from 'vitest';
import { builtInNodes } from '@tandem/engine';
import { configSchemaOf, humanize, initialValueOf, taggedUnionOf, widgetAt, withoutNull } from './json-schema.ts';

describe('configSchemaOf', () => {
  it('turns every built-in kind into a JSON Schema the form can render', () => {
    for (const definition of builtInNodes) {
      const schema = configSchemaOf(definition);
      expect(schema, definition.kind).not.toBeNull();
      expect(schema!.properties !== undefined || taggedUnionOf(schema!) !== undefined, definition.kind).toBe(true);
    }
  });
});

describe('taggedUnionOf', () => {
  it('finds the constant property that names each variant', () => {
    const union = taggedUnionOf({
      oneOf: [
        { type: 'object', properties: { type: { const: 'regex' }, pattern: { type: 'string' } } },
        { type: 'object', properties: { type: { const: 'length' }, min: { type: 'number' } } },
      ],
    });
    expect(union?.tag).toBe('type');
    expect(union?.variants.map((variant) => variant.value)).toEqual(['regex', 'length']);
  });

  it('is undefined for unions it cannot tell apart', () => {
    expect(taggedUnionOf({ anyOf: [{ type: 'string' }, { type: 'object' }] })).toBeUndefined();
  });
});

describe('withoutNull', () => {
  it('unwraps nullable schemas', () => {
    expect(withoutNull({ description: 'd', anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({ description: 'd', type: 'string' });
  });
});

describe('initialValueOf', () => {
  it('fills defaults, constants and required fields', () => {
    expect(
      initialValueOf({
        type: 'object',
        properties: { type: { const: 'http' }, method: { type: 'string', default: 'GET' }, url: { type: 'string' }, body: { type: 'string' } },
        required: ['type', 'url'],
      }),
    ).toEqual({ type: 'http', method: 'GET', url: '' });
  });
});

describe('widgetAt and humanize', () => {
  it('matches array indices with *', () => {
    const fields = { 'variants.*.prompt': 'template', model: 'model' } as const;
    expect(widgetAt(fields, ['variants', '2', 'prompt'])).toBe('template');
    expect(widgetAt(fields, ['model'])).toBe('model');
    expect(widgetAt(fields, ['prompt'])).toBeUndefined();
  });

  it('spells out camelCase names', () => {
    expect(humanize('maxTokens')).toBe('Max tokens');
    expect(humanize('fallback_models')).toBe('Fallback models');
  });
});
