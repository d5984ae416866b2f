import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { RunView } from '@tandem/shared';
import { runQuery, shortRunId } from '../api/runs.ts';
import { DetailSection, TextBlock } from '../nodes/detail-section.tsx';
import { WordDiff } from '../nodes/word-diff.tsx';
import { formatValue } from '../ui/format.ts';

/** A fork's outputs beside its parent's, with the words that changed. */
export function ForkComparison({ view }: { view: RunView & { forkedFrom: { runId: string; nodeId: string } } }) {
  const parent = useQuery(runQuery(view.forkedFrom.runId));
  if (!parent.data || view.status !== 'completed') return null;
  const ids = [...new Set([...Object.keys(parent.data.outputs), ...Object.keys(view.outputs)])];
  return (
    <DetailSection
      title="Compared with the run it was forked from"
      testId="fork-comparison"
      aside={
        <Link to={`/runs/${encodeURIComponent(view.forkedFrom.runId)}`} className="font-mono text-[11px] text-sky-700 hover:underline">
          {shortRunId(view.forkedFrom.runId)}
        </Link>
      }
    >
      {ids.map((id) => {
        const before = formatValue(parent.data.outputs[id] ?? '');
        const after = formatValue(view.outputs[id] ?? '');
        return (
          <div key={id} className="space-y-2" data-testid="fork-comparison-output" data-output-id={id}>
            <p className="font-mono text-[11px] text-zinc-500">{id}</p>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <p className="mb-1 text-[11px] text-zinc-500">Before (parent)</p>
                <TextBlock className="max-h-48">{before}</TextBlock>
              </div>
              <div>
                <p className="mb-1 text-[11px] text-zinc-500">After (this run)</p>
                <TextBlock className="max-h-48">{after}</TextBlock>
              </div>
            </div>
            <div className="rounded-md border border-zinc-200 bg-white px-3 py-2">
              <WordDiff before={before} after={after} />
            </div>
          </div>
        );
      })}
    </DetailSection>
  );
}
