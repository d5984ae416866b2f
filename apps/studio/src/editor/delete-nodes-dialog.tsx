import { useState } from 'react';
import type { NodeReferenceSite } from '@tandem/engine';
import type { ReferenceFix } from '../stores/document-edits.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Select } from '../ui/select.tsx';

export interface DeleteNodesDialogProps {
  nodeIds: readonly string[];
  /** Where other nodes refer to the nodes being deleted. */
  sites: readonly NodeReferenceSite[];
  /** Nodes the references may be pointed at instead. */
  candidates: readonly string[];
  onCancel: () => void;
  onDelete: (fix: ReferenceFix) => void;
}

/** Deleting nodes that others refer to: take the references out, point them at another node, or keep them to fix later. */
export function DeleteNodesDialog({ nodeIds, sites, candidates, onCancel, onDelete }: DeleteNodesDialogProps) {
  const [target, setTarget] = useState(candidates[0] ?? '');
  const names = nodeIds.map((id) => `“${id}”`).join(', ');
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onCancel())}
      title={`Delete ${nodeIds.length === 1 ? `node ${names}` : `${nodeIds.length} nodes`}?`}
      description={`${sites.length === 1 ? 'One field refers' : `${sites.length} fields refer`} to ${nodeIds.length === 1 ? 'it' : 'them'}. Choose what becomes of ${sites.length === 1 ? 'that reference' : 'those references'}.`}
      data-testid="delete-nodes-dialog"
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button onClick={() => onDelete({ type: 'keep' })} data-testid="delete-keep-references">
            Delete, fix later
          </Button>
          <Button variant="danger" onClick={() => onDelete({ type: 'remove' })} data-testid="delete-remove-references">
            Delete and remove references
          </Button>
        </>
      }
    >
      <ul className="mb-4 space-y-1 rounded-md border border-zinc-200 bg-zinc-50 p-2.5" data-testid="delete-reference-sites">
        {sites.map((site) => (
          <li key={`${site.nodeId}:${site.field}`} className="font-mono text-[12px] text-zinc-700">
            {site.nodeId} · {site.field.replace(/^config\./, '')}
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <div className="flex items-end gap-2">
          <label className="min-w-0 flex-1 space-y-1">
            <span className="text-xs font-medium text-zinc-700">Or point them at</span>
            <Select aria-label="Point the references at" value={target} onValueChange={setTarget} options={candidates.map((id) => ({ value: id, label: id }))} data-testid="delete-repoint-target" />
          </label>
          <Button variant="primary" disabled={!target} onClick={() => onDelete({ type: 'repoint', to: target })} data-testid="delete-repoint-references">
            Delete and re-point
          </Button>
        </div>
      ) : null}
    </Dialog>
  );
}
