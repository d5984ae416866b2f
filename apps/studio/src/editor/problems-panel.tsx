import { useState } from 'react';
import { AlertCircle, CheckCircle2, ChevronDown, ChevronUp, Loader2 } from 'lucide-react';
import type { GraphProblem } from '@tandem/shared';
import { cn } from '../ui/cn.ts';

export interface ProblemsPanelProps {
  problems: readonly GraphProblem[];
  checking: boolean;
  onSelectNode: (nodeId: string) => void;
}

/** The list of every problem of the document; clicking one selects its node. */
export function ProblemsPanel({ problems, checking, onSelectNode }: ProblemsPanelProps) {
  const [open, setOpen] = useState(true);
  const count = problems.length;
  return (
    <div
      className={cn('pointer-events-auto overflow-hidden rounded-lg border border-zinc-200 bg-white/95 shadow-sm backdrop-blur', count > 0 ? 'w-80' : 'w-auto')}
      data-testid="problems-panel"
    >
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        className="flex w-full cursor-pointer items-center gap-2 px-3 py-2 text-left text-[13px] font-medium"
        aria-expanded={open}
      >
        {count > 0 ? <AlertCircle className="size-4 text-red-500" /> : <CheckCircle2 className="size-4 text-emerald-500" />}
        <span className={cn('flex-1', count > 0 ? 'text-red-700' : 'text-zinc-700')} data-testid="problem-count" data-count={count}>
          {count === 0 ? 'No problems' : `${count} problem${count === 1 ? '' : 's'}`}
        </span>
        {checking ? <Loader2 className="size-3.5 animate-spin text-zinc-400" aria-label="Checking" /> : null}
        {count > 0 ? open ? <ChevronUp className="size-4 text-zinc-400" /> : <ChevronDown className="size-4 text-zinc-400" /> : null}
      </button>
      {open && count > 0 ? (
        <ul className="max-h-56 overflow-y-auto border-t border-zinc-100 py-1">
          {problems.map((problem, index) => (
            <li key={index}>
              <button
                type="button"
                disabled={!problem.nodeId}
                onClick={() => problem.nodeId && onSelectNode(problem.nodeId)}
                className="flex w-full items-start gap-2 px-3 py-1.5 text-left text-xs enabled:cursor-pointer enabled:hover:bg-zinc-50"
                data-testid="problem-item"
              >
                <span className="mt-px shrink-0 rounded bg-zinc-100 px-1 font-mono text-[10px] text-zinc-600">{problem.nodeId ?? 'pipeline'}</span>
                <span className="text-zinc-700">{problem.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
