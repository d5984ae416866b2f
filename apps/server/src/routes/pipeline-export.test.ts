import { afterAll, describe, expect, it } from 'vitest';
import { shippedTemplates } from '../templates/seed-templates.ts';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

const server = createTestServer();
afterAll(() => server.cleanup());

const exportOf = async (id: string) => {
  const response = await server.request(`/api/pipelines/${id}/export`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return response.text();
};

describe('exporting a pipeline for git', () => {
  it.each(shippedTemplates.map((template) => [template.id]))('%s: export → import → export gives the same bytes', async (id) => {
    const first = await exportOf(id);
    expect((await server.request(`/api/pipelines/${id}`, { method: 'DELETE' })).status).toBe(204);
    // Importing onto a deleted id revives it as its next version.
    const imported = await server.json<{ id: string; version: number }>('/api/pipelines/import', { body: first });
    expect(imported.status).toBe(201);
    expect(imported.body.id).toBe(id);
    expect(await exportOf(id)).toBe(first);
  });

  it('writes two-space JSON with a final newline and the document keys in DESIGN order', async () => {
    const text = await exportOf('template-critique');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.startsWith('{\n  "schema": "tandem.pipeline/v1",\n  "kinds": {')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schema', 'kinds', 'id', 'name', 'description', 'inputs', 'nodes', 'edges']);
  });

  it('writes the same file whatever key order the document was saved with', async () => {
    const document = chainDocument('orderly');
    const reversed = (value: object) => Object.fromEntries(Object.entries(value).reverse());
    const scrambled = {
      ...reversed(document),
      nodes: document.nodes.map((node) => ({ ...reversed({ ...node, position: reversed(node.position), config: reversed(node.config) }) })),
      edges: document.edges.map(reversed),
    };
    await server.json('/api/pipelines', { body: document });
    const inOrder = await exportOf('orderly');
    await server.json('/api/pipelines/orderly', { method: 'PUT', body: scrambled });
    const response = await server.request('/api/pipelines/orderly/export?version=2');
    expect(await response.text()).toBe(inOrder);
    expect(JSON.parse(inOrder).nodes[1]).toEqual({ id: 'answer', kind: 'llm', position: { x: 200, y: 0 }, config: { model: 'sim:writer?tps=0&ttft=0', prompt: 'Q: {{input.prompt}}' } });
  });
});
