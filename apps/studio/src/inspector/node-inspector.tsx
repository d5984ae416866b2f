import { useMemo } from 'react';
import { AlertCircle, Trash2 } from 'lucide-react';
import type { GraphProblem, PipelineNode } from '@tandem/shared';
import { useGraph, useGraphStore, useSelection } from '../editor/editor-stores.tsx';
import { referencesFor } from '../editor/references.ts';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { iconOf } from '../nodes/node-icons.ts';
import { viewOf } from '../nodes/index.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { FormContext, type FormContextValue } from './form-context.ts';
import { JsonField } from './fields/json-field.tsx';
import { ObjectProperties } from './fields/object-field.tsx';
import { UnionField } from './fields/union-field.tsx';
import { InputSchemaEditor } from './input-schema-editor.tsx';
import { configSchemaOf, taggedUnionOf, type SchemaNode } from './json-schema.ts';
import { NodeIdentity } from './node-identity.tsx';

function NodeProblems({ problems }: { problems: readonly GraphProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-md border border-red-200 bg-red-50 p-2.5" data-testid="node-problems">
      {problems.map((problem, index) => (
        <li key={index} className="flex items-start gap-1.5 text-xs text-red-800">
          <AlertCircle className="mt-px size-3.5 shrink-0" />
          {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** True when the form shows this problem next to its field (a top-level config property). */
function shownOnField(problem: GraphProblem, schema: SchemaNode | null): boolean {
  const [root, key] = (problem.field ?? '').split('.');
  return root === 'config' && key !== undefined && schema?.properties?.[key] !== undefined;
}

/** The inspector of one node: identity, problems, and the config form generated from the kind's schema. */
export function NodeInspector({ node, problems, onDelete }: { node: PipelineNode; problems: readonly GraphProblem[]; onDelete: () => void }) {
  const store = useGraphStore();
  const selectNode = useSelection((state) => state.selectNode);
  const document = useGraph((state) => state.document);
  const definition = nodeRegistry.get(node.kind);
  const style = contextStyleOf(definition?.context);
  const Icon = iconOf(node.kind);
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
  }, [node.id, definition, problems, document]);

  const updateConfig = (config: unknown) => store.getState().updateNodeConfig(node.id, (config as Record<string, unknown>) ?? {});

  return (
    <div className="space-y-5 p-4" data-testid="node-inspector" data-node-id={node.id}>
      <div className="flex items-start gap-3">
        <span className={cn('grid size-9 shrink-0 place-items-center rounded-lg', style.tile)}>
          <Icon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h2 className="truncate font-semibold text-zinc-900">{definition?.displayName ?? node.kind}</h2>
            <Badge tone={style.badge}>{style.label}</Badge>
          </div>
          <p className="mt-0.5 text-xs text-zinc-500">{definition?.description ?? `This studio does not know the node kind "${node.kind}".`}</p>
        </div>
      </div>

      <NodeIdentity
        key={node.id}
        node={node}
        onRename={(change) => {
          const result = store.getState().renameNode(node.id, change);
          if (result.ok && change.id) selectNode(change.id);
          return result;
        }}
      />

      <NodeProblems problems={problems.filter((problem) => !shownOnField(problem, schema))} />

      <FormContext.Provider value={formContext}>
        {definition?.role === 'input' ? (
          <InputSchemaEditor schema={document.inputs} onChange={(inputs) => store.getState().setInputsSchema(inputs)} />
        ) : schema && rootUnion ? (
          <UnionField schema={schema} union={rootUnion} value={node.config} onChange={updateConfig} path={[]} label="Type" required />
        ) : schema && schema.properties ? (
          Object.keys(schema.properties).length > 0 ? (
            <ObjectProperties schema={schema} value={node.config} onChange={updateConfig} path={[]} />
          ) : (
            <p className="text-xs text-zinc-500">This node has nothing to configure.</p>
          )
        ) : (
          <JsonField schema={{ description: 'The node config as JSON' }} value={node.config} onChange={updateConfig} path={[]} label="Config" required />
        )}
      </FormContext.Provider>

      <div className="border-t border-zinc-100 pt-4">
        <Button
          variant="danger-ghost"
          size="sm"
          data-testid="delete-node"
          onClick={onDelete}
        >
          <Trash2 />
          Delete node
        </Button>
      </div>
    </div>
  );
}
