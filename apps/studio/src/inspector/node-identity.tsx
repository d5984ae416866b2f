import { useState } from 'react';
import type { PipelineNode } from '@tandem/shared';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';

export interface NodeIdentityProps {
  node: PipelineNode;
  onRename: (change: { id?: string; label?: string }) => { ok: true } | { ok: false; error: string };
}

/** The node's id (used in `{{id.…}}` references) and its display label. */
export function NodeIdentity({ node, onRename }: NodeIdentityProps) {
  const [id, setId] = useState(node.id);
  const [error, setError] = useState<string>();
  const commitId = () => {
    if (id === node.id) return;
    const result = onRename({ id: id.trim() });
    if (!result.ok) setError(result.error);
  };
  return (
    <div className="grid grid-cols-2 gap-3">
      <Field label="Id" htmlFor="node-id" error={error} hint="Used in {{id.…}}">
        <Input
          id="node-id"
          className="font-mono text-[12.5px]"
          value={id}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setId(event.target.value);
            setError(undefined);
          }}
          onBlur={commitId}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitId();
            if (event.key === 'Escape') {
              setId(node.id);
              setError(undefined);
            }
          }}
          data-testid="node-id-input"
        />
      </Field>
      <Field label="Label" htmlFor="node-label">
        <Input id="node-label" placeholder={node.id} value={node.label ?? ''} onChange={(event) => onRename({ label: event.target.value })} data-testid="node-label-input" />
      </Field>
    </div>
  );
}
