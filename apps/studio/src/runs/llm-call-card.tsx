import type { LlmCallRecord } from '@tandem/shared';
import { Badge } from '../ui/badge.tsx';
import { formatCost, formatCount, formatDuration } from '../ui/format.ts';
import { TextBlock } from '../nodes/detail-section.tsx';
import { StatGrid } from '../ui/stat-grid.tsx';

function Disclosure({ title, text, open = false }: { title: string; text: string; open?: boolean }) {
  return (
    <details open={open} className="group">
      <summary className="cursor-pointer text-[11px] font-medium text-zinc-500 select-none hover:text-zinc-800">{title}</summary>
      <TextBlock className="mt-1">{text}</TextBlock>
    </details>
  );
}

/** One model call of a step: who, which model, what went in and out, and what it cost. */
export function LlmCallCard({ call }: { call: LlmCallRecord & { attempt: number } }) {
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 p-3" data-testid="llm-call">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="violet">{call.role}</Badge>
        <span className="font-mono text-[11px] text-zinc-600">{call.model}</span>
        {call.cached ? <Badge tone="green">cached</Badge> : null}
        <span className="ml-auto text-[11px] text-zinc-400">attempt {call.attempt}</span>
      </div>
      <StatGrid
        stats={[
          ['Tokens in', formatCount(call.usage?.inputTokens ?? 0)],
          ['Tokens out', formatCount(call.usage?.outputTokens ?? 0)],
          ['Latency', formatDuration(call.latencyMs)],
          ['Cost', formatCost(call.costUsd ?? 0)],
        ]}
      />
      {call.system ? <Disclosure title="System" text={call.system} /> : null}
      <Disclosure title="Prompt" text={call.prompt} />
      <Disclosure title="Output" text={call.output} open />
    </div>
  );
}
