import { describe, expect, it } from 'vitest';
import { compileJsonSchema as compileInBrowser } from './json-schema-browser.ts';
import { compileJsonSchema as compileOnServer } from './json-schema-ajv.ts';

const schema = { type: 'object', properties: { title: { type: 'string', minLength: 3 }, participants: { type: 'array', items: { type: 'string' }, minItems: 1 } }, required: ['title', 'participants'] };

describe('the browser JSON Schema checker', () => {
  it('agrees with the server’s on what is valid', () => {
    const values = [{ title: 'Sync', participants: ['Ana'] }, { title: 'No', participants: ['Ana'] }, { title: 'Sync', participants: [] }, { title: 'Sync' }, 'text', null];
    const browser = compileInBrowser(schema);
    const server = compileOnServer(schema);
    expect(values.map((value) => browser(value).length === 0)).toEqual(values.map((value) => server(value).length === 0));
    expect(browser({ title: 'No', participants: ['Ana'] })[0]).toMatch(/^\/title /);
  });
});
