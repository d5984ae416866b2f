import { useMemo } from 'react';
import type { GraphProblem, PipelineDocument, PipelineNode } from '@tandem/shared';
import { referencesFor } from '../editor/references.ts';
import { viewOf } from '../nodes/index.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { FormContext, type FormContextValue } from './form-context.ts';
import { JsonField } from './fields/json-field.tsx';
import { ObjectProperties } from './fields/object-field.tsx';
import { UnionField } from './fields/union-field.tsx';
import { configSchemaOf, taggedUnionOf } from './json-schema.ts';

export interface NodeConfigFormProps {
  node: PipelineNode;
  document: PipelineDocument;
  problems: readonly GraphProblem[];
  onChange: (config: Record<string, unknown>) => void;
}

/**
 * The config form of one node, generated from its kind's schema: the editor's inspector and the run
 * view's "run from here" both use it, so a step is edited the same way in both places.
 */
export function NodeConfigForm({ node, document, problems, onChange }: NodeConfigFormProps) {
  const definition = nodeRegistry.get(node.kind);
  const schema = definition ? configSchemaOf(definition) : null;
  const rootUnion = schema ? taggedUnionOf(schema) : undefined;
  const formContext = useMemo<FormContextValue>(() => {
    const problemsByField = new Map<string, string[]>();
    for (const problem of problems) {
      if (!problem.field) continue;
      problemsByField.set(problem.field, [...(problemsByField.get(problem.field) ?? []), problem.message.replace(`${problem.field}: `, '')]);
    }
    return {
      nodeId: node.id,
      fields: definition?.fields,
      overrides: viewOf(node.kind)?.fields,
      problemsByField,
      nodeIds: document.nodes.map((entry) => entry.id),
      references: referencesFor(document, node.id),
    };
  }, [node.id, node.kind, definition, problems, document]);
  const update = (config: unknown) => onChange((config as Record<string, unknown>) ?? {});

  return (
    <FormContext.Provider value={formContext}>
      {schema && rootUnion ? (
        <UnionField schema={schema} union={rootUnion} value={node.config} onChange={update} path={[]} label="Type" required />
      ) : schema && schema.properties ? (
        Object.keys(schema.properties).length > 0 ? (
          <ObjectProperties schema={schema} value={node.config} onChange={update} path={[]} />
        ) : (
          <p className="text-xs text-zinc-500">This node has nothing to configure.</p>
        )
      ) : (
        <JsonField schema={{ description: 'The node config as JSON' }} value={node.config} onChange={update} path={[]} label="Config" required />
      )}
    </FormContext.Provider>
  );
}
