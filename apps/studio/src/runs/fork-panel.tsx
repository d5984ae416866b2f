import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { GitFork } from 'lucide-react';
import { changedPaths, checkPipeline } from '@tandem/engine';
import type { PipelineDocument, PipelineNode } from '@tandem/shared';
import { pipelineKeys } from '../api/pipelines.ts';
import { forkRun } from '../api/runs.ts';
import { NodeConfigForm } from '../inspector/node-config-form.tsx';
import { DetailSection } from '../nodes/detail-section.tsx';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { Button } from '../ui/button.tsx';
import { toast } from '../ui/toast.tsx';

export interface ForkPanelProps {
  runId: string;
  document: PipelineDocument;
  node: PipelineNode;
}

/**
 * "Run from here": edit this step's config with the same generated form as the editor, then run it
 * again. The steps before it reuse this run's outputs (no model call); it and what follows run fresh.
 */
export function ForkPanel({ runId, document, node }: ForkPanelProps) {
  const [config, setConfig] = useState(node.config);
  const [busy, setBusy] = useState(false);
  const [saveAsVersion, setSaveAsVersion] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const edited = useMemo(() => ({ ...document, nodes: document.nodes.map((entry) => (entry.id === node.id ? { ...entry, config } : entry)) }), [document, node.id, config]);
  const problems = useMemo(() => checkPipeline(edited, nodeRegistry).problems.filter((problem) => problem.nodeId === node.id), [edited, node.id]);
  const changes = changedPaths(node.config, config);

  const fork = async () => {
    setBusy(true);
    try {
      const { id } = await forkRun(runId, { fromNodeId: node.id, ...(changes.length > 0 ? { config: { [node.id]: config }, saveAsVersion } : {}) });
      if (changes.length > 0 && saveAsVersion) await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
      await navigate(`/runs/${encodeURIComponent(id)}`);
    } catch (error) {
      toast('Could not run from here', { tone: 'error', description: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <DetailSection title="Run again from this step" testId="fork-panel">
      <p className="text-xs text-zinc-500">
        Steps before <span className="font-mono">{node.id}</span> keep this run’s outputs (no model call); this step and what follows run again.
        {changes.length > 0 ? (saveAsVersion ? ' Your change is saved as a new version of the pipeline.' : ' Your change applies to the new run only; the pipeline stays as it is.') : ''}
      </p>
      <details className="rounded-md border border-zinc-200 p-3" open>
        <summary className="cursor-pointer text-xs font-medium text-zinc-700 select-none">Config{changes.length > 0 ? ` · ${changes.length} change${changes.length === 1 ? '' : 's'}` : ''}</summary>
        <div className="mt-3 space-y-4">
          <NodeConfigForm node={{ ...node, config }} document={edited} problems={problems} onChange={setConfig} />
        </div>
      </details>
      {changes.length > 0 ? (
        <label className="flex cursor-pointer items-center gap-2 text-xs text-zinc-700">
          <input type="checkbox" checked={saveAsVersion} onChange={(event) => setSaveAsVersion(event.target.checked)} className="size-3.5 accent-accent-600" data-testid="fork-save-as-version" />
          Also save the change as a new version of the pipeline
        </label>
      ) : null}
      <Button variant="primary" onClick={() => void fork()} disabled={busy || problems.length > 0} data-testid="fork-run">
        <GitFork />
        {busy ? 'Starting…' : changes.length > 0 && saveAsVersion ? 'Save and run from here' : 'Run from here'}
      </Button>
    </DetailSection>
  );
}
