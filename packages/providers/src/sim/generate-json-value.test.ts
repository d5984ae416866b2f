import { describe, expect, it } from 'vitest';
import { applyMixins, validateJson } from '@tandem/engine';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { SimLanguageModel } from './sim-language-model.ts';

async function answerJson(prompt: string, schema: Record<string, unknown>, modelName = 'writer?tps=0', system?: string): Promise<Record<string, unknown>> {
  const result = await new SimLanguageModel(modelName).doGenerate({ prompt: userPrompt(prompt, system), responseFormat: { type: 'json', schema } });
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  const value = JSON.parse(text) as Record<string, unknown>;
  expect(validateJson(schema, value), text).toEqual([]);
  return value;
}

const meetingSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 3 },
    participants: { type: 'array', items: { type: 'string' }, minItems: 1 },
    durationMinutes: { type: 'integer', minimum: 5, maximum: 480 },
  },
  required: ['title', 'participants', 'durationMinutes'],
};

describe('JSON answers for a requested schema', () => {
  it('extracts the people, the duration and a title from the prompt', async () => {
    const value = await answerJson('Hi team, can Ana Lopez, Ben Okafor and Chloe Martin meet for 45 minutes next week to review the Q3 launch plan?', meetingSchema);
    expect(value).toEqual({ title: 'Review the Q3 launch plan', participants: ['Ana Lopez', 'Ben Okafor', 'Chloe Martin'], durationMinutes: 45 });
  });

  it('gives a usual meeting length when the prompt states none, for every seed', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const value = await answerJson('Meet Ana and Bo on Friday at 10 to plan the launch.', meetingSchema, `writer?tps=0&seed=${seed}`);
      expect(value.participants).toEqual(['Ana', 'Bo']);
      expect(value.title).toBe('Plan the launch');
      expect(value.durationMinutes).toBeGreaterThanOrEqual(15);
      expect(value.durationMinutes).toBeLessThanOrEqual(90);
    }
  });

  it('picks the earliest offered slot, ends it after the chosen duration, and writes the invitation from the fields before it', async () => {
    const schema = {
      type: 'object',
      properties: {
        start: { type: 'string', format: 'date-time' },
        end: { type: 'string', format: 'date-time' },
        durationMinutes: { type: 'integer', minimum: 15, maximum: 60 },
        attendees: { type: 'array', items: { type: 'string' }, minItems: 1 },
        invitation: { type: 'string' },
      },
      required: ['start', 'end', 'durationMinutes', 'attendees', 'invitation'],
    };
    const prompt = 'Request: Ana and Ben should plan the launch review.\nParticipants: ["Ana","Ben"]\nCommon free slots: [{"start":"2026-12-03T14:00:00.000Z","end":"2026-12-03T15:00:00.000Z"},{"start":"2026-12-04T09:00:00.000Z","end":"2026-12-04T10:00:00.000Z"}]';
    const value = await answerJson(prompt, applyMixins(schema, ['introspect']));
    expect(value.start).toBe('2026-12-03T14:00:00Z');
    expect(Date.parse(String(value.end)) - Date.parse(String(value.start))).toBe(Number(value.durationMinutes) * 60_000);
    expect(value.attendees).toEqual(['Ana', 'Ben']);
    expect(value.invitation).toMatch(/^Hi Ana and Ben, let's meet on Thursday 3 December at 14:00 UTC for \d+ minutes to plan the launch review\./);
    expect(value._considerations).toMatch(/Ana and Ben/);
    expect(typeof value._feedback).toBe('string');
    // The mixin's fields come first and last, as the mixin orders them.
    expect(Object.keys(value)).toEqual(['_considerations', 'start', 'end', 'durationMinutes', 'attendees', 'invitation', '_feedback']);
  });

  it('fills fields by name and format: person, email from that person, phone, url, birth date, age, tags, priority', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
        phone: { type: 'string' },
        website: { type: 'string', format: 'uri' },
        birthday: { type: 'string', format: 'date' },
        age: { type: 'integer', minimum: 18, maximum: 99 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 4 },
        priority: { type: 'string' },
        id: { type: 'string', format: 'uuid' },
      },
      required: ['name', 'email'],
    };
    for (let seed = 0; seed < 10; seed++) {
      const value = await answerJson('Urgent: create a profile for a customer who loves hiking and photography.', schema, `writer?tps=0&seed=${seed}`);
      expect(value.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(value.email).toBe(`${String(value.name).toLowerCase().replace(' ', '.')}@example.com`);
      expect(value.phone).toMatch(/^\+1 555 01\d\d$/);
      expect(value.website).toMatch(/^https:\/\/example\.com\/[a-z0-9-]+$/);
      expect(Number(String(value.birthday).slice(0, 4))).toBeLessThan(2000);
      expect(value.age).toBeGreaterThanOrEqual(25);
      expect(value.age).toBeLessThanOrEqual(65);
      expect(value.tags).toEqual(expect.arrayContaining(['hiking', 'photography']));
      expect(value.priority).toBe('high');
    }
  });

  it('prefers an enum value the prompt names, and keeps numbers inside their bounds', async () => {
    const schema = {
      type: 'object',
      properties: {
        category: { enum: ['billing', 'shipping', 'account'] },
        rating: { type: 'number', minimum: 0, maximum: 1 },
        quantity: { type: 'integer', exclusiveMinimum: 0, maximum: 3, multipleOf: 1 },
        refund: { type: 'boolean' },
      },
      required: ['category', 'rating', 'quantity', 'refund'],
    };
    for (let seed = 0; seed < 10; seed++) {
      const value = await answerJson('My shipping label is wrong and the parcel went back.', schema, `writer?tps=0&seed=${seed}`);
      expect(value.category).toBe('shipping');
    }
  });

  it('is valid against every schema shape, for many seeds (ajv with formats)', async () => {
    const schemas: Record<string, unknown>[] = [
      { type: 'object', properties: { score: { type: 'integer', minimum: 1, maximum: 10 }, reason: { type: 'string' } }, required: ['score', 'reason'], additionalProperties: false },
      {
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 3, maxLength: 12 },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
          status: { enum: ['draft', 'final'] },
          version: { const: 2 },
          ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
          even: { type: 'integer', multipleOf: 2, minimum: 3, maximum: 9 },
          published: { type: 'boolean' },
          author: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } }, required: ['name'] },
          parts: { type: 'array', items: { $ref: '#/$defs/part' } },
          note: { type: ['string', 'null'] },
          due: { type: 'string', format: 'date' },
          at: { type: 'string', format: 'time' },
          durationMinutes: { type: 'integer', minimum: 100, maximum: 110 },
        },
        required: ['title', 'tags', 'status'],
        $defs: { part: { type: 'object', properties: { heading: { type: 'string' }, weight: { type: 'number', minimum: -5, maximum: 5 } }, required: ['heading', 'weight'] } },
      },
      applyMixins({ type: 'object', properties: { answer: { type: 'string' }, items: { type: 'array', items: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0, maximum: 3 }] } } }, required: ['answer'] }, ['introspect']),
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
      { type: 'object', properties: { attendees: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 2, maxItems: 2 } }, required: ['attendees'] },
    ];
    for (const schema of schemas) {
      for (let seed = 0; seed < 20; seed++) await answerJson('Give me the data for Ana and Bo about the spring fair, 20 minutes.', schema, `writer?tps=0&seed=${seed}`);
    }
  });
});
