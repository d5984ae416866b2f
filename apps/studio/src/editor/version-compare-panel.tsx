import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { History, X } from 'lucide-react';
import { readPath } from '@tandem/engine';
import type { PipelineDocument } from '@tandem/shared';
import { pipelineDiffQuery, pipelineKeys, pipelineQuery, savePipeline } from '../api/pipelines.ts';
import type { NodeHighlight } from '../canvas/to-react-flow.ts';
import { DetailSection } from '../nodes/detail-section.tsx';
import { WordDiff } from '../nodes/word-diff.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Select } from '../ui/select.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { toast } from '../ui/toast.tsx';

export interface VersionComparePanelProps {
  pipelineId: string;
  versions: readonly number[];
  latestVersion: number;
  onClose: () => void;
  onSelectNode: (nodeId: string) => void;
  /** Marks the compared nodes on the canvas. */
  onHighlights: (highlights: ReadonlyMap<string, NodeHighlight> | undefined) => void;
}

function valueAt(document: PipelineDocument | undefined, nodeId: string, field: string): unknown {
  if (!document) return undefined;
  const [root, ...rest] = field.split('.');
  if (root === 'inputs') return readPath(document.inputs, rest);
  const node = document.nodes.find((entry) => entry.id === nodeId);
  return root === 'config' ? readPath(node?.config, rest) : node ? (node as Record<string, unknown>)[root ?? ''] : undefined;
}

const show = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 1));

/** One changed field: before and after, with the words that changed. */
function FieldChange({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  return (
    <div className="space-y-1" data-testid="compare-field" data-field={field}>
      <p className="font-mono text-[11px] text-zinc-500">{field.replace(/^config\./, '')}</p>
      <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5">
        {before === undefined ? <p className="text-[11px] text-emerald-700">added</p> : after === undefined ? <p className="text-[11px] text-red-700">removed</p> : null}
        <WordDiff before={show(before)} after={show(after)} />
      </div>
    </div>
  );
}

/** Compares two saved versions: nodes added, removed and changed (field by field), marked on the canvas; restores an old version as the newest. */
export function VersionComparePanel({ pipelineId, versions, latestVersion, onClose, onSelectNode, onHighlights }: VersionComparePanelProps) {
  const sorted = [...versions].sort((a, b) => a - b);
  const [from, setFrom] = useState(sorted.at(-2) ?? sorted[0] ?? 1);
  const [to, setTo] = useState(sorted.at(-1) ?? 1);
  const diff = useQuery(pipelineDiffQuery(pipelineId, from, to));
  const before = useQuery(pipelineQuery(pipelineId, from));
  const after = useQuery(pipelineQuery(pipelineId, to));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [restoring, setRestoring] = useState(false);

  const highlights = useMemo(() => {
    if (!diff.data) return undefined;
    const map = new Map<string, NodeHighlight>();
    for (const id of diff.data.added) map.set(id, 'added');
    for (const change of diff.data.changed) map.set(change.nodeId, 'changed');
    return map;
  }, [diff.data]);
  useEffect(() => {
    onHighlights(highlights);
    return () => onHighlights(undefined);
  }, [highlights, onHighlights]);

  const options = [...sorted].reverse().map((version) => ({ value: String(version), label: version === latestVersion ? `v${version} (latest)` : `v${version}` }));
  const restore = async (version: number) => {
    setRestoring(true);
    try {
      const old = await queryClient.fetchQuery(pipelineQuery(pipelineId, version));
      const saved = await savePipeline(pipelineId, old.document);
      await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
      toast(`Restored v${version} as v${saved.version}`);
      await navigate(`/pipelines/${encodeURIComponent(pipelineId)}`, { replace: true });
    } catch (error) {
      toast('Could not restore', { tone: 'error', description: (error as Error).message });
    } finally {
      setRestoring(false);
    }
  };
  const empty = diff.data && diff.data.added.length + diff.data.removed.length + diff.data.changed.length + diff.data.edges.added.length + diff.data.edges.removed.length === 0;

  return (
    <div className="space-y-5 p-4" data-testid="version-compare">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold text-zinc-900">Compare versions</h2>
        <Button size="icon-sm" variant="ghost" aria-label="Close the comparison" onClick={onClose} data-testid="close-compare">
          <X />
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <Select aria-label="From version" value={String(from)} options={options} onValueChange={(value) => setFrom(Number(value))} data-testid="compare-from" />
        <Select aria-label="To version" value={String(to)} options={options} onValueChange={(value) => setTo(Number(value))} data-testid="compare-to" />
      </div>
      {diff.isPending ? <Spinner /> : null}
      {diff.error ? <ErrorPanel error={diff.error} title="Could not compare" /> : null}
      {empty ? <p className="text-[13px] text-zinc-500">These versions do the same thing (positions aside).</p> : null}
      {diff.data && diff.data.added.length > 0 ? (
        <DetailSection title={`Added (${diff.data.added.length})`} testId="compare-added">
          {diff.data.added.map((id) => (
            <button key={id} type="button" onClick={() => onSelectNode(id)} className="mr-1 cursor-pointer rounded border border-emerald-200 bg-emerald-50 px-1.5 py-0.5 font-mono text-[12px] text-emerald-800" data-testid="compare-node" data-node-id={id}>
              + {id}
            </button>
          ))}
        </DetailSection>
      ) : null}
      {diff.data && diff.data.removed.length > 0 ? (
        <DetailSection title={`Removed (${diff.data.removed.length})`} testId="compare-removed">
          {diff.data.removed.map((id) => (
            <span key={id} className="mr-1 inline-block rounded border border-red-200 bg-red-50 px-1.5 py-0.5 font-mono text-[12px] text-red-800 line-through" data-testid="compare-node" data-node-id={id}>
              {id}
            </span>
          ))}
        </DetailSection>
      ) : null}
      {diff.data && diff.data.changed.length > 0 ? (
        <DetailSection title={`Changed (${diff.data.changed.length})`} testId="compare-changed">
          <div className="space-y-3">
            {diff.data.changed.map((change) => (
              <div key={change.nodeId} className="space-y-2 rounded-md border border-amber-200 bg-amber-50/40 p-2.5" data-testid="compare-changed-node" data-node-id={change.nodeId}>
                <button type="button" onClick={() => onSelectNode(change.nodeId)} className="cursor-pointer font-mono text-[12px] font-semibold text-amber-900 hover:underline">
                  {change.nodeId}
                </button>
                {change.fields.map((field) => (
                  <FieldChange key={field} field={field} before={valueAt(before.data?.document, change.nodeId, field)} after={valueAt(after.data?.document, change.nodeId, field)} />
                ))}
              </div>
            ))}
          </div>
        </DetailSection>
      ) : null}
      {diff.data && diff.data.edges.added.length + diff.data.edges.removed.length > 0 ? (
        <DetailSection title="Connections" testId="compare-edges">
          <p className="text-[12px] text-zinc-600">
            {diff.data.edges.added.length} added, {diff.data.edges.removed.length} removed
          </p>
        </DetailSection>
      ) : null}
      <div className="space-y-2 border-t border-zinc-100 pt-4">
        {from !== latestVersion ? (
          <Button onClick={() => void restore(from)} disabled={restoring} data-testid="restore-version">
            <History />
            Restore v{from} as the newest version
          </Button>
        ) : null}
        <p className="text-[11px] text-zinc-500">Restoring saves the old document as a new version; every version stays.</p>
      </div>
    </div>
  );
}
