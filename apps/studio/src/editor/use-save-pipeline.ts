import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { GraphProblem, PipelineDocument } from '@tandem/shared';
import { ApiError } from '../api/http.ts';
import { pipelineKeys, savePipeline, savePipelineDraft, type SavedPipeline } from '../api/pipelines.ts';
import type { GraphStore } from '../stores/create-graph-store.ts';
import { toast } from '../ui/toast.tsx';

export type SaveOutcome = { kind: 'version'; saved: SavedPipeline } | { kind: 'draft'; problems: GraphProblem[] };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Saving the open document: a new version when it passes its checks, else (when asked) the
 * pipeline's draft, which keeps work in progress without making a version that cannot run. The
 * server's problems are kept for the problems panel.
 */
export function useSavePipeline(pipelineId: string, store: GraphStore) {
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<{ document: PipelineDocument; problems: GraphProblem[] }>();

  async function saveVersion(document: PipelineDocument = store.getState().document): Promise<SavedPipeline | undefined> {
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
      toast('Not saved', { tone: 'error', description: problems.length > 0 ? `${plural(problems.length, 'problem')} to fix first` : (error as Error).message });
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  async function saveDraft(document: PipelineDocument = store.getState().document): Promise<GraphProblem[] | undefined> {
    setSaving(true);
    try {
      const saved = await savePipelineDraft(pipelineId, { ...document, id: pipelineId });
      store.getState().markSaved(document);
      await queryClient.invalidateQueries({ queryKey: pipelineKeys.list() });
      toast('Saved as a draft', { description: `Not a version yet: fix ${plural(saved.problems.length, 'problem')} to run it.` });
      return saved.problems;
    } catch (error) {
      toast('Draft not saved', { tone: 'error', description: (error as Error).message });
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  /** Saves a version when `problems` is empty, else a draft. */
  async function save(problems: readonly GraphProblem[], document: PipelineDocument = store.getState().document): Promise<SaveOutcome | undefined> {
    if (problems.length === 0) {
      const saved = await saveVersion(document);
      return saved ? { kind: 'version', saved } : undefined;
    }
    const draftProblems = await saveDraft(document);
    return draftProblems ? { kind: 'draft', problems: draftProblems } : undefined;
  }

  const current = store.getState().document;
  return { save, saveVersion, saveDraft, saving, refusedProblems: refused && refused.document === current ? refused.problems : undefined };
}
