import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { GraphProblem, PipelineDocument } from '@tandem/shared';
import { ApiError } from '../api/http.ts';
import { pipelineKeys, savePipeline, type SavedPipeline } from '../api/pipelines.ts';
import type { GraphStore } from '../stores/create-graph-store.ts';
import { toast } from '../ui/toast.tsx';

/** Saving the open document as a new version; the server's 422 problems are kept for the problems panel. */
export function useSavePipeline(pipelineId: string, store: GraphStore) {
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<{ document: PipelineDocument; problems: GraphProblem[] }>();

  async function save(document: PipelineDocument = store.getState().document): Promise<SavedPipeline | undefined> {
    setSaving(true);
    try {
      const saved = await savePipeline(pipelineId, { ...document, id: pipelineId });
      store.getState().markSaved(document);
      setRefused(undefined);
      await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
      toast(`Saved version ${saved.version}`);
      return saved;
    } catch (error) {
      const problems = error instanceof ApiError ? error.problems : [];
      setRefused({ document, problems });
      toast('Not saved', { tone: 'error', description: problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first` : (error as Error).message });
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  const current = store.getState().document;
  return { save, saving, refusedProblems: refused && refused.document === current ? refused.problems : undefined };
}
