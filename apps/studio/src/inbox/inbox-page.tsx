import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Inbox } from 'lucide-react';
import type { InboxItem } from '@tandem/shared';
import { inboxQuery } from '../api/inbox.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatRelativeTime } from '../ui/format.ts';
import { PageSpinner } from '../ui/spinner.tsx';
import { UserStepForm } from './user-step-form.tsx';

function InboxCard({ item }: { item: InboxItem }) {
  return (
    <article className="rounded-lg border border-zinc-200 bg-white shadow-xs" data-testid="inbox-item" data-run-id={item.runId} data-node-id={item.nodeId}>
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-zinc-100 px-4 py-3">
        <div className="min-w-0">
          <h2 className="font-semibold text-zinc-900">{item.title}</h2>
          <p className="mt-0.5 text-xs text-zinc-500">
            <Link to={`/pipelines/${encodeURIComponent(item.pipelineId)}`} className="hover:underline">
              {item.pipelineName}
            </Link>
            {' · '}
            <Link to={`/runs/${encodeURIComponent(item.runId)}`} className="font-mono hover:underline" data-testid="inbox-run-link">
              run {item.runId.slice(0, 8)}
            </Link>
            {' · '}
            <span className="font-mono">{item.nodeId}</span>
          </p>
        </div>
        <span className="flex items-center gap-1.5 text-xs text-rose-600">
          <span className="size-1.5 animate-pulse rounded-full bg-rose-500" />
          waiting since {formatRelativeTime(item.since)}
        </span>
      </header>
      <div className="space-y-3 px-4 py-3">
        {item.instructions ? <p className="text-[13px] whitespace-pre-wrap text-zinc-700">{item.instructions}</p> : null}
        <UserStepForm runId={item.runId} nodeId={item.nodeId} value={item.value} />
      </div>
    </article>
  );
}

/** `/inbox`: every user step waiting for a person. */
export function InboxPage() {
  const { data, error, isPending, refetch } = useQuery(inboxQuery());
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-6 px-6 py-8">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Inbox</h1>
          <p className="mt-1 text-zinc-500">Steps waiting for a person to approve, reject or edit a value.</p>
        </div>
        {isPending ? <PageSpinner label="Loading inbox…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the inbox" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} /> : null}
        {data?.length === 0 ? <EmptyState icon={<Inbox />} title="Nothing is waiting" description="When a run reaches a user step, it shows up here." /> : null}
        <div className="space-y-4" data-testid="inbox-list">
          {data?.map((item) => <InboxCard key={`${item.runId}:${item.nodeId}`} item={item} />)}
        </div>
      </div>
    </div>
  );
}
