import { MousePointerClick } from 'lucide-react';
import { useGraph, useGraphStore } from '../editor/editor-stores.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Textarea } from '../ui/textarea.tsx';

/** What the inspector shows when no node is selected: the pipeline's own settings. */
export function PipelineSettings() {
  const store = useGraphStore();
  const name = useGraph((state) => state.document.name);
  const description = useGraph((state) => state.document.description ?? '');
  const id = useGraph((state) => state.document.id);
  const nodeCount = useGraph((state) => state.document.nodes.length);
  return (
    <div className="space-y-5 p-4" data-testid="pipeline-settings">
      <div>
        <h2 className="font-semibold text-zinc-900">Pipeline</h2>
        <p className="mt-0.5 text-xs text-zinc-500">
          <span className="font-mono">{id}</span> · {nodeCount} nodes
        </p>
      </div>
      <Field label="Name" htmlFor="pipeline-name" required>
        <Input id="pipeline-name" value={name} onChange={(event) => store.getState().setPipelineInfo({ name: event.target.value })} />
      </Field>
      <Field label="Description" htmlFor="pipeline-description">
        <Textarea id="pipeline-description" rows={3} value={description} onChange={(event) => store.getState().setPipelineInfo({ description: event.target.value })} />
      </Field>
      <div className="flex items-center gap-2 rounded-md border border-dashed border-zinc-200 p-3 text-xs text-zinc-500">
        <MousePointerClick className="size-4 shrink-0" />
        Select a node to edit it, or add one from the palette.
      </div>
    </div>
  );
}
