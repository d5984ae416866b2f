import { Link } from 'react-router';
import { ChevronLeft, Clock, Download, FileUp, FlaskConical, Play, Radio, Save } from 'lucide-react';
import { pipelineExportUrl } from '../api/pipelines.ts';
import { pipelineFileText } from '../pipelines/current-document.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { FileButton } from '../ui/file-button.tsx';
import { Select } from '../ui/select.tsx';
import { formatDuration } from '../ui/format.ts';
import { Tooltip } from '../ui/tooltip.tsx';
import { useAccess } from '../access/use-access.ts';
import { useGraph, useGraphStore } from './editor-stores.tsx';

export interface EditorToolbarProps {
  pipelineId: string;
  version: number;
  versions: readonly number[];
  latestVersion: number;
  saving: boolean;
  problemCount: number;
  /** How long a run is expected to take, from the server's estimate. */
  runEstimateMs?: number | undefined;
  onVersionChange: (version: number) => void;
  onSave: () => void;
  onRun: () => void;
  onImport: (file: File) => void;
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

/** Name, version, unsaved-changes indicator and the document actions. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { pipelineId, version, versions, latestVersion, saving, problemCount } = props;
  const store = useGraphStore();
  const { canEdit } = useAccess();
  const name = useGraph((state) => state.document.name);
  const dirty = useGraph((state) => state.dirty);
  const versionOptions = [...versions].sort((a, b) => b - a).map((entry) => ({ value: String(entry), label: entry === latestVersion ? `v${entry} (latest)` : `v${entry}` }));

  return (
    <div className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-3" data-testid="editor-toolbar">
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
        className="h-8 w-64 min-w-0 rounded-md border border-transparent bg-transparent px-2 font-semibold text-zinc-900 hover:border-zinc-200 focus:border-accent-500 focus:bg-white focus:ring-2 focus:ring-accent-100 focus:outline-none"
        data-testid="pipeline-name-input"
      />
      <div className="w-36">
        <Select aria-label="Version" value={String(version)} options={versionOptions} onValueChange={(value) => props.onVersionChange(Number(value))} data-testid="version-select" />
      </div>
      {version !== latestVersion ? <Badge tone="amber">Viewing an older version</Badge> : null}
      {dirty ? (
        <span className="flex items-center gap-1.5 text-xs text-zinc-500" data-testid="unsaved-indicator">
          <span className="size-2 rounded-full bg-amber-400" />
          Unsaved changes
        </span>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        {props.hasLiveView ? (
          <Button asChild variant="ghost" size="sm">
            <Link to={`/pipelines/${encodeURIComponent(pipelineId)}/live`} data-testid="open-live">
              <Radio />
              Live
            </Link>
          </Button>
        ) : null}
        {canEdit ? (
          <FileButton accept="application/json,.json" variant="ghost" size="sm" onFile={props.onImport} data-testid="editor-import">
            <FileUp />
            Import
          </FileButton>
        ) : (
          <Badge tone="neutral" data-testid="read-only">Read only</Badge>
        )}
        <Button asChild variant="ghost" size="sm">
          <a
            href={pipelineExportUrl(pipelineId, version)}
            download
            data-testid="editor-export"
            onClick={(event) => {
              // Unsaved edits are not on the server yet: export what is on screen.
              if (!store.getState().dirty) return;
              event.preventDefault();
              downloadText(`${pipelineId}.json`, pipelineFileText(store.getState().document));
            }}
          >
            <Download />
            Export
          </a>
        </Button>
        {canEdit ? (
          <>
            <Button onClick={props.onSave} disabled={saving} data-testid="save-pipeline">
              <Save />
              {saving ? 'Saving…' : 'Save'}
            </Button>
            <Tooltip content={problemCount > 0 ? 'Fix the problems first' : 'Run this pipeline over a dataset and compare its arms'}>
              <span>
                <Button onClick={props.onExperiment} disabled={problemCount > 0} data-testid="new-experiment">
                  <FlaskConical />
                  Experiment
                </Button>
              </span>
            </Tooltip>
            {props.runEstimateMs !== undefined && problemCount === 0 ? (
              <Tooltip content="Expected duration of a run, from each model's speed and typical answer length (time waiting for a person not counted)">
                <span className="flex items-center gap-1 text-xs text-zinc-500" data-testid="run-estimate">
                  <Clock className="size-3.5" />~{formatDuration(props.runEstimateMs)} per run
                </span>
              </Tooltip>
            ) : null}
            <Tooltip content={problemCount > 0 ? 'Fix the problems before running' : 'Run this pipeline'}>
              <span>
                <Button variant="primary" onClick={props.onRun} disabled={problemCount > 0} data-testid="run-pipeline">
                  <Play />
                  Run
                </Button>
              </span>
            </Tooltip>
          </>
        ) : null}
      </div>
    </div>
  );
}
