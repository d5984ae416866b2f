import { AlertCircle, Trash2 } from 'lucide-react';
import type { GraphProblem, PipelineNode } from '@tandem/shared';
import { useGraphStore, useGraphWithEquality, useSelection } from '../editor/editor-stores.tsx';
import { sameExceptPositions } from '../editor/same-except-positions.ts';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { iconOf } from '../nodes/node-icons.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { InputSchemaEditor } from './input-schema-editor.tsx';
import { configSchemaOf, type SchemaNode } from './json-schema.ts';
import { NodeConfigForm } from './node-config-form.tsx';
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
  const document = useGraphWithEquality((state) => state.document, sameExceptPositions);
  const definition = nodeRegistry.get(node.kind);
  const style = contextStyleOf(definition?.context);
  const Icon = iconOf(node.kind);
  const schema = definition ? configSchemaOf(definition) : null;

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

      {definition?.role === 'input' ? (
        <InputSchemaEditor schema={document.inputs} onChange={(inputs) => store.getState().setInputsSchema(inputs)} />
      ) : (
        <NodeConfigForm node={node} document={document} problems={problems} onChange={updateConfig} />
      )}

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
