import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ChevronLeft, Clock, Download, FileUp, FlaskConical, GitCompare, Keyboard, Network, Play, Radio, Redo2, Save, Search, Undo2 } from 'lucide-react';
import type { GraphProblem } from '@tandem/shared';
import { pipelineExportUrl } from '../api/pipelines.ts';
import { pipelineFileText } from '../pipelines/current-document.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { FileButton } from '../ui/file-button.tsx';
import { Select } from '../ui/select.tsx';
import { formatDuration } from '../ui/format.ts';
import { Tooltip } from '../ui/tooltip.tsx';
import { useAccess } from '../access/use-access.ts';
import { useGraph, useGraphStore, useUndoAvailability } from './editor-stores.tsx';
import { modKeyLabel } from './use-editor-shortcuts.ts';

export interface EditorToolbarProps {
  pipelineId: string;
  version: number;
  versions: readonly number[];
  latestVersion: number;
  saving: boolean;
  problems: readonly GraphProblem[];
  /** How long a run is expected to take, from the server's estimate. */
  runEstimateMs?: number | undefined;
  /** The open document is the pipeline's draft (work in progress, not a version). */
  isDraft: boolean;
  /** The pipeline is a template: saving changes the template itself. */
  isTemplate: boolean;
  onVersionChange: (version: number) => void;
  onSave: () => void;
  onRun: () => void;
  onImport: (file: File) => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onSearch: () => void;
  onShortcuts: () => void;
  onCompare: () => void;
  onUseTemplate: () => void;
  onExperiment: () => void;
  /** Set when a variants node is in split mode: the pipeline has a live A/B view. */
  hasLiveView: boolean;
}

function downloadText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

function IconAction({ label, onClick, disabled, children, testId }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode; testId: string }) {
  return (
    <Tooltip content={label} side="bottom">
      <span>
        <Button size="icon" variant="ghost" aria-label={label} onClick={onClick} disabled={disabled} data-testid={testId}>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}

/** Why the run button is off, in words: the first problem and how many more. */
export function runBlockedReason(problems: readonly GraphProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  const first = problems[0]!;
  const where = first.nodeId ? `${first.nodeId}: ` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `Fix ${problems.length === 1 ? 'this problem' : `${problems.length} problems`} to run. ${where}${first.message}${more}`;
}

/** Name, version, draft and unsaved state, history, layout and search, and the document actions (experiment and live view included). */
export function EditorToolbar(props: EditorToolbarProps) {
  const { pipelineId, version, versions, latestVersion, saving, problems, isDraft, isTemplate } = props;
  const store = useGraphStore();
  const { canEdit } = useAccess();
  const name = useGraph((state) => state.document.name);
  const dirty = useGraph((state) => state.dirty);
  const { canUndo, canRedo } = useUndoAvailability();
  const mod = modKeyLabel();
  const versionOptions = [...versions].sort((a, b) => b - a).map((entry) => ({ value: String(entry), label: entry === latestVersion ? `v${entry} (latest)` : `v${entry}` }));
  const blocked = runBlockedReason(problems);

  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-2" data-testid="editor-toolbar">
      <Tooltip content="All pipelines">
        <Button asChild size="icon" variant="ghost" aria-label="All pipelines">
          <Link to="/">
            <ChevronLeft />
          </Link>
        </Button>
      </Tooltip>
      <input
        aria-label="Pipeline name"
        value={name}
        onChange={(event) => store.getState().setPipelineInfo({ name: event.target.value })}
        className="h-8 w-56 min-w-24 shrink rounded-md border border-transparent bg-transparent px-2 font-semibold text-zinc-900 hover:border-zinc-200 focus:border-accent-500 focus:bg-white focus:ring-2 focus:ring-accent-100 focus:outline-none"
        data-testid="pipeline-name-input"
      />
      {versions.length > 0 ? (
        <div className="w-32 shrink-0">
          <Select aria-label="Version" value={String(version)} options={versionOptions} onValueChange={(value) => props.onVersionChange(Number(value))} data-testid="version-select" />
        </div>
      ) : null}
      {isTemplate ? (
        <Tooltip content="Saving changes the template for everyone. Use it to make your own copy." side="bottom">
          <span className="shrink-0">
            <Badge tone="accent" data-testid="template-badge">Template</Badge>
          </span>
        </Tooltip>
      ) : null}
      {isDraft ? (
        <Tooltip content="Work in progress saved beside the versions. It cannot run until its problems are fixed; saving without problems makes it a version." side="bottom">
          <span className="shrink-0">
            <Badge tone="amber" data-testid="draft-badge">Draft</Badge>
          </span>
        </Tooltip>
      ) : version !== latestVersion && versions.length > 0 ? (
        <Badge tone="amber">Older version</Badge>
      ) : null}
      {dirty ? (
        <span className="flex shrink-0 items-center gap-1.5 text-xs text-zinc-500" data-testid="unsaved-indicator" title="Unsaved changes">
          <span className="size-2 rounded-full bg-amber-400" />
          <span className="hidden xl:inline">Unsaved changes</span>
        </span>
      ) : null}
      <div className="ml-2 flex shrink-0 items-center border-l border-zinc-200 pl-2">
        <IconAction label={`Undo (${mod}+Z)`} onClick={props.onUndo} disabled={!canUndo} testId="undo">
          <Undo2 />
        </IconAction>
        <IconAction label={`Redo (Shift+${mod}+Z)`} onClick={props.onRedo} disabled={!canRedo} testId="redo">
          <Redo2 />
        </IconAction>
        <IconAction label="Lay out left to right (Shift+L)" onClick={props.onLayout} testId="layout">
          <Network />
        </IconAction>
        <IconAction label={`Find a node or add one (${mod}+K)`} onClick={props.onSearch} testId="open-search">
          <Search />
        </IconAction>
        <IconAction label="Compare versions" onClick={props.onCompare} disabled={versions.length < 2} testId="compare-versions">
          <GitCompare />
        </IconAction>
        <IconAction label="Keyboard shortcuts (?)" onClick={props.onShortcuts} testId="open-shortcuts">
          <Keyboard />
        </IconAction>
      </div>
      <div className="ml-auto flex shrink-0 items-center gap-1.5">
        {props.hasLiveView ? (
          <Button asChild variant="ghost" size="sm">
            <Link to={`/pipelines/${encodeURIComponent(pipelineId)}/live`} data-testid="open-live" aria-label="Live">
              <Radio />
              <span className="hidden xl:inline">Live</span>
            </Link>
          </Button>
        ) : null}
        {canEdit ? (
          <FileButton accept="application/json,.json" variant="ghost" size="sm" onFile={props.onImport} data-testid="editor-import" aria-label="Import">
            <FileUp />
            <span className="hidden xl:inline">Import</span>
          </FileButton>
        ) : (
          <Badge tone="neutral" data-testid="read-only">Read only</Badge>
        )}
        <Button asChild variant="ghost" size="sm">
          <a
            href={pipelineExportUrl(pipelineId, version || undefined)}
            download
            data-testid="editor-export"
            aria-label="Export"
            onClick={(event) => {
              // Unsaved edits and drafts are not a version on the server: export what is on screen.
              if (!store.getState().dirty && !isDraft) return;
              event.preventDefault();
              downloadText(`${pipelineId}.json`, pipelineFileText(store.getState().document));
            }}
          >
            <Download />
            <span className="hidden xl:inline">Export</span>
          </a>
        </Button>
        {isTemplate && canEdit ? (
          <Button onClick={props.onUseTemplate} data-testid="use-this-template">
            Use this template
          </Button>
        ) : null}
        {canEdit ? (
          <>
            <Tooltip content={problems.length > 0 ? `Saves a draft: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before it becomes a version (${mod}+S)` : `Save as a new version (${mod}+S)`} side="bottom">
              <span>
                <Button onClick={props.onSave} disabled={saving} data-testid="save-pipeline" data-saves={problems.length > 0 ? 'draft' : 'version'}>
                  <Save />
                  {saving ? 'Saving…' : problems.length > 0 ? 'Save draft' : 'Save'}
                </Button>
              </span>
            </Tooltip>
            <Tooltip content={blocked ?? 'Run this pipeline over a dataset and compare its arms'} side="bottom">
              <span>
                <Button onClick={props.onExperiment} disabled={blocked !== undefined} data-testid="new-experiment" aria-label="Experiment">
                  <FlaskConical />
                  <span className="hidden 2xl:inline">Experiment</span>
                </Button>
              </span>
            </Tooltip>
            {props.runEstimateMs !== undefined && problems.length === 0 ? (
              <Tooltip content="Expected duration of a run, from each model's speed and typical answer length (time waiting for a person not counted)">
                <span className="hidden items-center gap-1 text-xs text-zinc-500 xl:flex" data-testid="run-estimate">
                  <Clock className="size-3.5" />~{formatDuration(props.runEstimateMs)} per run
                </span>
              </Tooltip>
            ) : null}
            <Tooltip content={blocked ?? 'Run this pipeline'} side="bottom">
              <span>
                <Button variant="primary" onClick={props.onRun} disabled={blocked !== undefined} data-testid="run-pipeline" aria-describedby={blocked ? 'run-blocked-reason' : undefined}>
                  <Play />
                  Run
                </Button>
              </span>
            </Tooltip>
          </>
        ) : null}
        {blocked ? (
          <span id="run-blocked-reason" className="sr-only" data-testid="run-blocked-reason">
            {blocked}
          </span>
        ) : null}
      </div>
    </div>
  );
}
