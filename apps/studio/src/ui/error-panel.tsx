import type { ReactNode } from 'react';
import { AlertTriangle } from 'lucide-react';
import { cn } from './cn.ts';

interface ErrorFacts {
  code?: string;
  message: string;
  problems: { message: string; nodeId?: string }[];
}

function readError(error: unknown): ErrorFacts {
  if (error instanceof Error) {
    const { code, details } = error as Error & { code?: unknown; details?: unknown };
    const problems = (details as { problems?: unknown } | undefined)?.problems;
    return {
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      problems: Array.isArray(problems) ? (problems as ErrorFacts['problems']) : [],
    };
  }
  return { message: String(error ?? 'Something went wrong'), problems: [] };
}

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  action?: ReactNode;
  className?: string;
}

/** Shows an error's message and code (and any listed problems) instead of a blank area. */
export function ErrorPanel({ error, title = 'Something went wrong', action, className }: ErrorPanelProps) {
  const facts = readError(error);
  return (
    <div role="alert" data-testid="error-panel" className={cn('rounded-lg border border-red-200 bg-red-50/70 p-4', className)}>
      <div className="flex items-start gap-3">
        <AlertTriangle className="mt-0.5 size-4 shrink-0 text-red-600" />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-medium text-red-900">{title}</p>
          <p className="break-words text-red-800">{facts.message}</p>
          {facts.code ? <p className="font-mono text-xs text-red-700/80">{facts.code}</p> : null}
          {facts.problems.length > 0 ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-4 text-red-800">
              {facts.problems.map((problem, index) => (
                <li key={index}>
                  {problem.nodeId ? <span className="font-mono text-xs">{problem.nodeId}: </span> : null}
                  {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
          {action ? <div className="pt-2">{action}</div> : null}
        </div>
      </div>
    </div>
  );
}
