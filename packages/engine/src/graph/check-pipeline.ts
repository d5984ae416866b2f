import { pipelineDocumentSchema, type GraphProblem, type PipelineDocument } from '@tandem/shared';
import { guardedStep, type AnyNodeDefinition } from '../define-node.ts';
import type { NodeRegistry } from '../registry.ts';
import { collectStrings, extractReferences } from '../template/template.ts';
import { checkOutputPath, outputSchemaOf, type PathCheck } from './output-schema.ts';
import { ancestorsOf, findCycles, topologicalOrder } from './topology.ts';
import { fieldInWords } from './problem-words.ts';

/** A document that passed every check, ready to execute. */
export interface PipelinePlan {
  document: PipelineDocument;
  /** Parsed config by node id. */
  configs: ReadonlyMap<string, unknown>;
  definitions: ReadonlyMap<string, AnyNodeDefinition>;
  /** What each node waits for: edges, kind dependencies, and the validators guarding its sources. */
  dependencies: ReadonlyMap<string, readonly string[]>;
  /** Validator node ids by the id of the node they guard. */
  guards: ReadonlyMap<string, readonly string[]>;
  order: readonly string[];
}

export type PipelineCheck = { ok: true; plan: PipelinePlan; problems: [] } | { ok: false; problems: GraphProblem[] };

/** Checks a pipeline document and lists every problem (node, field, code, message). */
export function checkPipeline(input: unknown, registry: NodeRegistry): PipelineCheck {
  const parsed = pipelineDocumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => documentProblem(input, issue)) };
  const document = parsed.data;
  const problems: GraphProblem[] = [];
  const configs = new Map<string, unknown>();
  const definitions = new Map<string, AnyNodeDefinition>();
  const ids = new Set<string>();

  for (const node of document.nodes) {
    if (ids.has(node.id)) problems.push({ code: 'GRAPH_DUPLICATE_ID', nodeId: node.id, field: 'id', message: `Two nodes have the id "${node.id}": rename one of them` });
    ids.add(node.id);
    const definition = registry.get(node.kind);
    if (!definition) {
      problems.push({ code: 'NODE_KIND_UNKNOWN', nodeId: node.id, field: 'kind', message: `Node "${node.id}" is of kind "${node.kind}", which this Tandem Studio does not know: replace it with a node of a known kind` });
      continue;
    }
    definitions.set(node.id, definition);
    const config = definition.config.safeParse(node.config);
    if (!config.success) {
      for (const issue of config.error.issues) {
        const field = ['config', ...issue.path.map(String)].join('.');
        problems.push({ code: 'NODE_CONFIG_INVALID', nodeId: node.id, field, message: `${field}: ${issue.message}` });
      }
      continue;
    }
    configs.set(node.id, config.data);
    problems.push(...(definition.check?.(config.data, node, document) ?? []));
  }

  const edgeDependencies = new Map<string, string[]>(document.nodes.map((node) => [node.id, []]));
  const edgeIds = new Set<string>();
  for (const edge of document.edges) {
    if (edgeIds.has(edge.id)) problems.push({ code: 'GRAPH_DUPLICATE_ID', edgeId: edge.id, message: `Two connections have the id "${edge.id}": rename one of them` });
    edgeIds.add(edge.id);
    const dangling = [edge.source, edge.target].filter((id) => !ids.has(id));
    if (dangling.length > 0) {
      problems.push({ code: 'GRAPH_DANGLING_EDGE', edgeId: edge.id, message: `Connection "${edge.id}" joins ${dangling.map((id) => `"${id}"`).join(' and ')}, which ${dangling.length === 1 ? 'does' : 'do'} not exist: delete the connection or add the node` });
      continue;
    }
    if (edge.source === edge.target) {
      problems.push({ code: 'GRAPH_CYCLE_DETECTED', nodeId: edge.source, edgeId: edge.id, message: `"${edge.source}" is connected to itself: delete that connection` });
      continue;
    }
    edgeDependencies.get(edge.target)!.push(edge.source);
  }

  const dependencies = new Map<string, string[]>();
  for (const node of document.nodes) {
    const own = new Set(edgeDependencies.get(node.id));
    const config = configs.get(node.id);
    const definition = definitions.get(node.id);
    if (definition?.dependencies && config !== undefined) {
      for (const id of definition.dependencies(config)) if (ids.has(id) && id !== node.id) own.add(id);
    }
    dependencies.set(node.id, [...own]);
  }

  const nodeIds = [...ids];
  for (const cycle of findCycles(nodeIds, dependencies)) {
    const loop = [...cycle, cycle[0]].map((id) => `"${id}"`).join(' → ');
    for (const id of cycle) {
      problems.push({
        code: 'GRAPH_CYCLE_DETECTED',
        nodeId: id,
        message: `"${id}" is in a loop (${loop}): remove one of its connections. Steps repeat only as critique rounds or validator retries`,
      });
    }
  }

  problems.push(...checkGuards(document, definitions, configs));
  problems.push(...checkReferences(document, definitions, configs, dependencies));
  if (!document.nodes.some((node) => definitions.get(node.id)?.role === 'output')) {
    problems.push({ code: 'GRAPH_NO_OUTPUT', field: 'nodes', message: 'The pipeline has no output: add an Output node and connect the step whose result the run returns' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const guards = collectGuards(document, definitions, configs);
  addGuardDependencies(dependencies, guards);
  const { order } = topologicalOrder(nodeIds, dependencies);
  return { ok: true, problems: [], plan: { document, configs, definitions, dependencies, guards, order } };
}

function checkReferences(
  document: PipelineDocument,
  definitions: ReadonlyMap<string, AnyNodeDefinition>,
  configs: ReadonlyMap<string, unknown>,
  dependencies: ReadonlyMap<string, readonly string[]>,
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set(document.nodes.map((node) => node.id));
  const inputNodeIds = new Set(document.nodes.filter((node) => definitions.get(node.id)?.role === 'input').map((node) => node.id));
  const outputSchemas = new Map<string, unknown>();
  const outputSchema = (nodeId: string) => {
    if (!outputSchemas.has(nodeId)) {
      const definition = definitions.get(nodeId);
      const config = configs.get(nodeId);
      outputSchemas.set(nodeId, definition && config !== undefined ? outputSchemaOf(definition, config, document) : undefined);
    }
    return outputSchemas.get(nodeId);
  };
  const declaredInputs = Object.keys((document.inputs.properties as Record<string, unknown> | undefined) ?? {});
  for (const node of document.nodes) {
    const literal = definitions.get(node.id)?.literalFields ?? [];
    const ancestors = ancestorsOf(node.id, dependencies);
    for (const { path, text } of collectStrings(node.config, ['config'])) {
      if (literal.some((prefix) => path === `config.${prefix}` || path.startsWith(`config.${prefix}.`))) continue;
      let references;
      try {
        references = extractReferences(text);
      } catch (error) {
        problems.push({ code: 'TEMPLATE_INVALID', nodeId: node.id, field: path, message: `${path}: ${(error as Error).message}` });
        continue;
      }
      for (const reference of references) {
        const where = fieldInWords(path);
        if (!ids.has(reference.nodeId)) {
          problems.push({
            code: 'GRAPH_REFERENCE_UNKNOWN',
            nodeId: node.id,
            field: path,
            message: `${where} refers to node "${reference.nodeId}" ({{${reference.expression}}}), which does not exist: pick an existing node or rename one to "${reference.nodeId}"`,
          });
        } else if (!ancestors.has(reference.nodeId)) {
          problems.push({
            code: 'GRAPH_REFERENCE_NOT_UPSTREAM',
            nodeId: node.id,
            field: path,
            message: `${where} reads "${reference.nodeId}", which does not run before "${node.id}": connect "${reference.nodeId}" to "${node.id}" (or to a step before it)`,
          });
        } else if (inputNodeIds.has(reference.nodeId)) {
          if (reference.path[0] && !declaredInputs.includes(reference.path[0])) {
            problems.push({
              code: 'GRAPH_MISSING_INPUT',
              nodeId: node.id,
              field: path,
              message: `${where} reads the run input "${reference.path[0]}", which the pipeline does not take: add it to the run inputs on the input node`,
            });
          }
        } else {
          const check = checkOutputPath(outputSchema(reference.nodeId), reference.path);
          if (!check.readable) problems.push(unknownFieldProblem(node.id, path, reference, check));
        }
      }
    }
    if (definitions.get(node.id)?.role === 'output' && (dependencies.get(node.id) ?? []).length === 0) {
      problems.push({ code: 'GRAPH_MISSING_INPUT', nodeId: node.id, message: `Nothing is connected to output "${node.id}": connect the step whose result it returns` });
    }
  }
  return problems;
}

/** A reference to a field the step does not hand on, said in the user's terms. */
function unknownFieldProblem(nodeId: string, field: string, reference: { expression: string; nodeId: string }, check: Extract<PathCheck, { readable: false }>): GraphProblem {
  const where = [reference.nodeId, ...check.at].join('.');
  const available = check.available.length > 0 ? ` It has ${check.available.map((name) => `"${name}"`).join(', ')}.` : ` "${where}" is a plain value with no fields.`;
  return {
    code: 'GRAPH_REFERENCE_UNKNOWN_FIELD',
    nodeId,
    field,
    message: `${fieldInWords(field)} reads "{{${reference.expression}}}", but "${where}" has no field "${check.segment}".${available}`,
  };
}

/** A guarding node must point at a step its kind allows to be sent back. */
function checkGuards(document: PipelineDocument, definitions: ReadonlyMap<string, AnyNodeDefinition>, configs: ReadonlyMap<string, unknown>): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const rerunnable = [...new Set([...definitions.values()].filter((definition) => definition.rerunnable).map((definition) => definition.kind))];
  for (const node of document.nodes) {
    const target = guardedBy(node.id, definitions, configs);
    const targetDefinition = target ? definitions.get(target) : undefined;
    if (!targetDefinition || targetDefinition.rerunnable) continue;
    problems.push({
      code: 'NODE_CONFIG_INVALID',
      nodeId: node.id,
      field: 'config.target',
      message: `config.target: "${target}" is a ${targetDefinition.kind} step, which cannot be re-run; guard one of: ${rerunnable.join(', ')}`,
    });
  }
  return problems;
}

function guardedBy(nodeId: string, definitions: ReadonlyMap<string, AnyNodeDefinition>, configs: ReadonlyMap<string, unknown>): string | undefined {
  const definition = definitions.get(nodeId);
  return definition ? guardedStep(definition, configs.get(nodeId)) : undefined;
}

function collectGuards(
  document: PipelineDocument,
  definitions: ReadonlyMap<string, AnyNodeDefinition>,
  configs: ReadonlyMap<string, unknown>,
): Map<string, string[]> {
  const guards = new Map<string, string[]>();
  for (const node of document.nodes) {
    const target = guardedBy(node.id, definitions, configs);
    if (!target) continue;
    guards.set(target, [...(guards.get(target) ?? []), node.id]);
  }
  return guards;
}

/** Nodes that read a guarded step wait for its validators, so they see the validated value. */
function addGuardDependencies(dependencies: Map<string, string[]>, guards: ReadonlyMap<string, readonly string[]>) {
  for (const [nodeId, deps] of dependencies) {
    for (const dep of [...deps]) {
      for (const validator of guards.get(dep) ?? []) {
        if (validator === nodeId || deps.includes(validator)) continue;
        if (ancestorsOf(validator, dependencies).has(nodeId)) continue;
        deps.push(validator);
      }
    }
  }
}

function documentProblem(input: unknown, issue: { path: PropertyKey[]; message: string }): GraphProblem {
  const path = issue.path.map(String);
  const field = path.join('.') || 'document';
  const problem: GraphProblem = { code: 'PIPELINE_INVALID', field, message: documentIssueInWords(field, issue.message) };
  if (path[0] === 'nodes' && path[1] !== undefined) {
    const node = (input as { nodes?: { id?: unknown }[] })?.nodes?.[Number(path[1])];
    if (typeof node?.id === 'string') problem.nodeId = node.id;
  }
  return problem;
}

/** A document-shape problem in words: a missing field says so, others keep the schema's message. */
function documentIssueInWords(field: string, message: string): string {
  if (/received undefined/.test(message)) return `The document has no "${field}"`;
  return `${field}: ${message}`;
}
