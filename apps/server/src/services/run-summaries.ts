import { callsOf, foldRunState } from '@tandem/engine';
import { terminalRunStatuses, type RunEvent, type RunListSummary, type RunView } from '@tandem/shared';

const previewLength = 160;
const cacheSize = 2000;

/** A short line of a run's outputs: the first output's text, cut at a word. */
export function outputPreview(outputs: Record<string, unknown>): string | undefined {
  const first = Object.values(outputs)[0];
  if (first === undefined || first === null) return undefined;
  const text = (typeof first === 'string' ? first : JSON.stringify(first)).replace(/\s+/g, ' ').trim();
  if (text.length <= previewLength) return text || undefined;
  const cut = text.slice(0, previewLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), previewLength - 20))}…`;
}

/**
 * What the runs list shows of each run beyond its row: tokens and cost of its model calls (from the
 * run's fold) and a preview of its output. Finished runs never change, so their summaries are kept.
 */
export function createRunSummaries(readEvents: (runId: string) => Promise<RunEvent[]>) {
  const finished = new Map<string, RunListSummary>();

  async function summarize(run: RunView): Promise<RunListSummary> {
    const cached = finished.get(run.id);
    if (cached) return cached;
    let inputTokens = 0;
    let outputTokens = 0;
    let costUsd = 0;
    const calls = callsOf(foldRunState(await readEvents(run.id)));
    for (const call of calls) {
      inputTokens += call.usage.inputTokens;
      outputTokens += call.usage.outputTokens;
      costUsd += call.costUsd;
    }
    const preview = outputPreview(run.outputs);
    const summary: RunListSummary = { calls: calls.length, inputTokens, outputTokens, costUsd, ...(preview ? { outputPreview: preview } : {}) };
    if (terminalRunStatuses.includes(run.status)) {
      if (finished.size >= cacheSize) finished.delete(finished.keys().next().value!);
      finished.set(run.id, summary);
    }
    return summary;
  }

  return { summarize };
}

export type RunSummaries = ReturnType<typeof createRunSummaries>;
