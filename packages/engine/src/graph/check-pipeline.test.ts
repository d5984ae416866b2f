import { describe, expect, it } from 'vitest';
import { checkPipeline } from './check-pipeline.ts';
import { pipeline, testRegistry } from '../testing/run-pipeline.ts';

const codes = (input: unknown) => {
  const check = checkPipeline(input, testRegistry);
  return check.ok ? [] : check.problems.map((problem) => `${problem.code}@${problem.nodeId ?? problem.edgeId ?? problem.field}`);
};

const chain = () =>
  pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'answer', kind: 'llm', config: { model: 'fake:a', prompt: '{{input.prompt}}' } },
      { id: 'out', kind: 'output', config: { value: '{{answer.text}}' } },
    ],
    [['input', 'answer'], ['answer', 'out']],
  );

describe('checkPipeline', () => {
  it('accepts a valid chain and orders it', () => {
    const check = checkPipeline(chain(), testRegistry);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.plan.order).toEqual(['input', 'answer', 'out']);
  });

  it('names the field of a malformed document', () => {
    const check = checkPipeline({ schema: 'tandem.pipeline/v1', id: 'Bad Id', name: '', nodes: [], edges: [] }, testRegistry);
    expect(check.ok).toBe(false);
    expect(check.problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['id', 'name']));
  });

  it('lists every problem at once, not just the first', () => {
    const document = chain();
    document.nodes.push({ id: 'answer', kind: 'llm', position: { x: 0, y: 0 }, config: { model: 'fake:a', prompt: 'x' } });
    document.nodes.push({ id: 'mystery', kind: 'teleport', position: { x: 0, y: 0 }, config: {} });
    document.edges.push({ id: 'e9', source: 'out', target: 'ghost' });
    expect(codes(document)).toEqual(expect.arrayContaining(['GRAPH_DUPLICATE_ID@answer', 'NODE_KIND_UNKNOWN@mystery', 'GRAPH_DANGLING_EDGE@e9']));
  });

  it('reports an invalid config with its field', () => {
    const document = chain();
    document.nodes[1]!.config = { model: 'fake:a', prompt: '', temperature: 9 };
    const check = checkPipeline(document, testRegistry);
    expect(check.ok).toBe(false);
    expect(check.problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['config.prompt', 'config.temperature']));
  });

  it('detects cycles', () => {
    const document = chain();
    document.edges.push({ id: 'back', source: 'out', target: 'answer' });
    expect(codes(document)).toEqual(expect.arrayContaining(['GRAPH_CYCLE_DETECTED@answer', 'GRAPH_CYCLE_DETECTED@out']));
  });

  it('blames only the nodes of a loop, not the steps downstream of it', () => {
    const document = chain();
    document.nodes.push({ id: 'after', kind: 'output', position: { x: 0, y: 0 }, config: { value: 'done' } });
    document.edges.push({ id: 'back', source: 'out', target: 'answer' }, { id: 'on', source: 'out', target: 'after' });
    const check = checkPipeline(document, testRegistry);
    const cycle = check.problems.filter((problem) => problem.code === 'GRAPH_CYCLE_DETECTED');
    expect(cycle.map((problem) => problem.nodeId)).toEqual(['answer', 'out']);
    expect(cycle[0]!.message).toBe('"answer" is in a loop ("answer" → "out" → "answer"): remove one of its connections. Steps repeat only as critique rounds or validator retries');
  });

  it('says what is wrong and what to do, in the user’s terms', () => {
    const document = chain();
    document.nodes[1]!.config = { model: 'fake:a', prompt: '{{nope.text}} {{input.topic}}' };
    document.nodes.push({ id: 'jump', kind: 'teleport', position: { x: 0, y: 0 }, config: {} });
    const messages = checkPipeline(document, testRegistry).problems.map((problem) => problem.message);
    expect(messages).toContain('The prompt refers to node "nope" ({{nope.text}}), which does not exist: pick an existing node or rename one to "nope"');
    expect(messages).toContain('The prompt reads the run input "topic", which the pipeline does not take: add it to the run inputs on the input node');
    expect(messages[0]).toBe('Node "jump" is of kind "teleport", which this Tandem Studio does not know: replace it with a node of a known kind');
  });

  it('refuses references to nodes that are not upstream or do not exist', () => {
    const document = chain();
    document.nodes[1]!.config = { model: 'fake:a', prompt: '{{out.value}} {{nobody.text}}' };
    expect(codes(document)).toEqual(expect.arrayContaining(['GRAPH_REFERENCE_NOT_UPSTREAM@answer', 'GRAPH_REFERENCE_UNKNOWN@answer']));
  });

  it('refuses reading an input the schema does not declare', () => {
    const document = chain();
    document.nodes[1]!.config = { model: 'fake:a', prompt: '{{input.question}}' };
    expect(codes(document)).toContain('GRAPH_MISSING_INPUT@answer');
  });

  it('requires an output node with something connected', () => {
    const document = pipeline([{ id: 'input', kind: 'input' }, { id: 'out', kind: 'output', config: { value: 'x' } }], []);
    expect(codes(document)).toContain('GRAPH_MISSING_INPUT@out');
    expect(codes(pipeline([{ id: 'input', kind: 'input' }], []))).toContain('GRAPH_NO_OUTPUT@nodes');
  });
});

describe('when a reference reads a field of a step', () => {
  const reading = (value: string, answer: Record<string, unknown> = { model: 'fake:writer', prompt: 'Hi' }, kind = 'llm') =>
    pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'answer', kind, config: answer },
        { id: 'out', kind: 'output', config: { value } },
      ],
      [
        ['input', 'answer'],
        ['answer', 'out'],
      ],
    );
  const problemsOf = (document: ReturnType<typeof reading>) => checkPipeline(document, testRegistry).problems;

  it('accepts the fields the step hands on, to any depth its output schema allows', () => {
    expect(problemsOf(reading('{{answer.text}} {{answer.usage.inputTokens}}'))).toEqual([]);
  });

  it('names the field the step does not have, and what it has, before running', () => {
    const [problem] = problemsOf(reading('{{answer.txt}}'));
    expect(problem).toMatchObject({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD', nodeId: 'out', field: 'config.value' });
    expect(problem!.message).toContain('"answer" has no field "txt"');
    expect(problem!.message).toContain('"text"');
  });

  it("follows an llm's output schema into json, with its mixins", () => {
    const structured = { model: 'fake:writer', prompt: 'Hi', outputSchema: { type: 'object', properties: { title: { type: 'string' } } }, mixins: ['introspect'] };
    expect(problemsOf(reading('{{answer.json.title}}', structured))).toEqual([]);
    expect(problemsOf(reading('{{answer.json.titel}}', structured))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
    expect(problemsOf(reading('{{answer.text.length}}', structured))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
  });

  it("reads a mixin's notes beside json, not inside it", () => {
    const structured = { model: 'fake:writer', prompt: 'Hi', outputSchema: { type: 'object', properties: { title: { type: 'string' } } }, mixins: ['introspect'] };
    expect(problemsOf(reading('{{answer.introspection.considerations}}', structured))).toEqual([]);
    expect(problemsOf(reading('{{answer.json._considerations}}', structured))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
    const plain = { ...structured, mixins: [] };
    expect(problemsOf(reading('{{answer.introspection}}', plain))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
  });

  it('leaves open what the step does not know in advance', () => {
    expect(problemsOf(reading('{{answer.json.anything.deep}}'))).toEqual([]);
    const activity = { type: 'js', code: 'return 1' };
    expect(problemsOf(reading('{{answer.value.whatever}}', activity, 'activity'))).toEqual([]);
    expect(problemsOf(reading('{{answer.status}}', activity, 'activity'))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
  });

  it("reads a variants step's results by variant id in all mode", () => {
    const all = { mode: 'all', model: 'fake:writer', variants: [{ id: 'a', prompt: 'A' }, { id: 'b', prompt: 'B' }] };
    expect(problemsOf(reading('{{answer.results.a.text}}', all, 'variants'))).toEqual([]);
    expect(problemsOf(reading('{{answer.results.c.text}}', all, 'variants'))).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD' })]);
  });
});
