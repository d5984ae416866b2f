import { Badge } from '../ui/badge.tsx';
import { formatCost, formatDuration } from '../ui/format.ts';
import type { NodeView, StepDetailProps } from './node-view.ts';
import { DetailSection } from './detail-section.tsx';
import { recordsOfType, textOf } from './record-data.ts';

interface VariantAssigned {
  variant: string;
  mode: 'split' | 'all';
}

interface VariantsOutput {
  variant?: string;
  text?: unknown;
  results?: Record<string, { text?: unknown }>;
}

/** Which variant ran (split), or every variant's answer side by side (all). */
function VariantsSideBySide({ step }: StepDetailProps) {
  const assigned = recordsOfType(step, 'variant.assigned');
  const output = (step.output ?? {}) as VariantsOutput;
  const columns = output.results
    ? Object.entries(output.results).map(([variant, result]) => ({ variant, text: textOf(result?.text ?? result) }))
    : assigned.map((entry) => ({ variant: entry.variant, text: entry.variant === output.variant ? textOf(output.text) : '' }));
  if (columns.length === 0 && assigned.length === 0) return null;
  const mode = assigned[0]?.mode ?? (output.results ? 'all' : 'split');
  return (
    <DetailSection title="Variants" aside={<Badge>{mode === 'all' ? 'all variants' : 'split'}</Badge>} testId="variants-view">
      <div className="grid gap-2" style={{ gridTemplateColumns: `repeat(${Math.min(Math.max(columns.length, 1), 3)}, minmax(0, 1fr))` }}>
        {columns.map((column) => {
          const call = step.calls.find((entry) => entry.role === column.variant);
          return (
            <div key={column.variant} className="min-w-0 rounded-md border border-zinc-200" data-testid="variant-column">
              <div className="flex items-center justify-between gap-2 border-b border-zinc-100 px-2.5 py-1.5">
                <span className="truncate font-mono text-xs font-semibold text-zinc-700">{column.variant}</span>
                {call ? (
                  <span className="text-[11px] whitespace-nowrap text-zinc-500">
                    {formatDuration(call.latencyMs)} · {formatCost(call.costUsd)}
                  </span>
                ) : null}
              </div>
              <p className="max-h-64 overflow-auto px-2.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700">{column.text || '—'}</p>
            </div>
          );
        })}
      </div>
    </DetailSection>
  );
}

export const variantsNodeView: NodeView = { StepDetail: VariantsSideBySide };
