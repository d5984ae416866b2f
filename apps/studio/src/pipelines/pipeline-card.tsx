import { Link } from 'react-router';
import { Boxes, Copy, FlaskConical, Trash2 } from 'lucide-react';
import type { PipelineSummary } from '@tandem/shared';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { formatRelativeTime } from '../ui/format.ts';
import { Tooltip } from '../ui/tooltip.tsx';

export interface PipelineCardProps {
  pipeline: PipelineSummary;
  onDelete?: () => void;
  onUseTemplate?: () => void;
  /** Opens the new-experiment form on this pipeline. */
  onExperiment?: () => void;
  busy?: boolean;
}

/** One pipeline (or template) in the list. */
export function PipelineCard({ pipeline, onDelete, onUseTemplate, onExperiment, busy }: PipelineCardProps) {
  return (
    <div
      data-testid="pipeline-card"
      data-pipeline-id={pipeline.id}
      className="group relative flex flex-col rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition hover:border-zinc-300 hover:shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <Link
          to={`/pipelines/${encodeURIComponent(pipeline.id)}`}
          className="min-w-0 font-semibold text-zinc-900 after:absolute after:inset-0 after:content-[''] hover:underline"
          data-testid="pipeline-card-link"
        >
          <span className="block truncate">{pipeline.name}</span>
        </Link>
        <span className="flex shrink-0 items-center gap-1">
          {pipeline.hasDraft ? (
            <Badge tone="amber" data-testid="card-draft-badge">
              {pipeline.version === 0 ? 'Draft only' : 'Draft'}
            </Badge>
          ) : null}
          {pipeline.isTemplate ? <Badge tone="accent">Template</Badge> : pipeline.isSystem ? <Badge tone="slate" data-testid="card-system-badge">System</Badge> : pipeline.version > 0 ? <Badge>v{pipeline.version}</Badge> : null}
        </span>
      </div>
      <p className="mt-1 line-clamp-2 min-h-10 text-[13px] text-zinc-500">{pipeline.description || 'No description'}</p>
      <div className="mt-4 flex items-center justify-between gap-2 text-xs text-zinc-500">
        <span className="flex items-center gap-3">
          <span className="flex items-center gap-1">
            <Boxes className="size-3.5" />
            {pipeline.nodeCount} nodes
          </span>
          <span className="font-mono text-[11px] text-zinc-400">{pipeline.id}</span>
        </span>
        <span className="flex items-center gap-1">
          {formatRelativeTime(pipeline.updatedAt)}
          {onDelete && !pipeline.isSystem ? (
            <Tooltip content="Delete pipeline">
              <Button
                size="icon-sm"
                variant="ghost"
                onClick={onDelete}
                aria-label={`Delete ${pipeline.name}`}
                data-testid="delete-pipeline"
                className="relative z-10 -my-1 -mr-1 text-zinc-400 hover:bg-red-50 hover:text-red-600"
              >
                <Trash2 />
              </Button>
            </Tooltip>
          ) : null}
        </span>
      </div>
      {onUseTemplate || onExperiment ? (
        <div className="relative z-10 mt-3 flex items-center justify-end gap-2 border-t border-zinc-100 pt-3">
          {onExperiment ? (
            <Button size="sm" variant="ghost" onClick={onExperiment} data-testid="pipeline-experiment">
              <FlaskConical />
              Experiment
            </Button>
          ) : null}
          {onUseTemplate ? (
          <Button size="sm" variant="secondary" onClick={onUseTemplate} disabled={busy} data-testid="use-template">
            <Copy />
            Use template
          </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
