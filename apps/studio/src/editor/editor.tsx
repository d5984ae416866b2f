import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { PipelineVersionView } from '@tandem/shared';
import { startRun } from '../api/runs.ts';
import { EditorCanvas } from '../canvas/editor-canvas.tsx';
import { Palette } from '../canvas/palette.tsx';
import { InspectorPanel } from '../inspector/inspector-panel.tsx';
import { readPipelineFile } from '../pipelines/current-document.ts';
import { createGraphStore } from '../stores/create-graph-store.ts';
import { createSelectionStore } from '../stores/create-selection-store.ts';
import { readJsonFile } from '../ui/file-button.tsx';
import { toast } from '../ui/toast.tsx';
import { EditorStoresProvider, useGraph, useGraphStore, useSelection } from './editor-stores.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { ProblemsPanel } from './problems-panel.tsx';
import { RunDialog } from './run-dialog.tsx';
import { NewExperimentDialog } from '../experiments/new-experiment-dialog.tsx';
import { UnsavedChangesGuard } from './unsaved-changes-guard.tsx';
import { usePipelineChecks } from './use-pipeline-checks.ts';
import { useSavePipeline } from './use-save-pipeline.ts';

interface EditorProps {
  view: PipelineVersionView;
  latestVersion: number;
}

/** The editor of one pipeline version: palette, canvas, inspector, toolbar. */
export function Editor({ view, latestVersion }: EditorProps) {
  const [graph] = useState(() => createGraphStore(view.document));
  const [selection] = useState(createSelectionStore);
  return (
    <EditorStoresProvider graph={graph} selection={selection}>
      <ReactFlowProvider>
        <EditorLayout view={view} latestVersion={latestVersion} />
        <UnsavedChangesGuard store={graph} />
      </ReactFlowProvider>
    </EditorStoresProvider>
  );
}

function EditorLayout({ view, latestVersion }: EditorProps) {
  const navigate = useNavigate();
  const { screenToFlowPosition, setCenter, getNode } = useReactFlow();
  const store = useGraphStore();
  const document = useGraph((state) => state.document);
  const dirty = useGraph((state) => state.dirty);
  const selectNode = useSelection((state) => state.selectNode);
  const { save, saving, refusedProblems } = useSavePipeline(view.id, store);
  const extra = useMemo(() => refusedProblems ?? [], [refusedProblems]);
  const { problems, estimates, runEstimate, checking } = usePipelineChecks(document, extra);
  const [running, setRunning] = useState(false);
  const [experimenting, setExperimenting] = useState(false);
  const [canvasElement, setCanvasElement] = useState<HTMLDivElement | null>(null);

  const addAtCentre = (kind: string) => {
    const rect = canvasElement?.getBoundingClientRect();
    const centre = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    const jitter = (store.getState().document.nodes.length % 5) * 24;
    const id = store.getState().addNode(kind, { x: centre.x - 120 + jitter, y: centre.y - 40 + jitter });
    selectNode(id);
  };

  const focusNode = (nodeId: string) => {
    selectNode(nodeId);
    const node = getNode(nodeId);
    if (node) void setCenter(node.position.x + (node.measured?.width ?? 240) / 2, node.position.y + (node.measured?.height ?? 80) / 2, { zoom: 1, duration: 300 });
  };

  const saveAndLeaveOldVersion = async () => {
    const saved = await save();
    if (saved && view.version !== latestVersion) await navigate(`/pipelines/${encodeURIComponent(view.id)}`, { replace: true });
  };

  const importFile = async (file: File) => {
    try {
      const document = { ...readPipelineFile(await readJsonFile(file), file.name), id: view.id };
      store.getState().replaceDocument(document);
      selectNode(undefined);
      await save(document);
    } catch (error) {
      toast('Import failed', { tone: 'error', description: (error as Error).message });
    }
  };

  // An experiment runs stored versions: unsaved edits are saved first.
  const openExperiment = async () => {
    if (store.getState().dirty && !(await save())) return;
    setExperimenting(true);
  };

  const run = async (inputs: Record<string, unknown>) => {
    let version = view.version;
    if (store.getState().dirty) {
      const saved = await save();
      if (!saved) throw new Error('The pipeline could not be saved, so it was not run');
      version = saved.version;
    }
    const { id } = await startRun({ pipelineId: view.id, version, inputs });
    setRunning(false);
    await navigate(`/runs/${encodeURIComponent(id)}`);
  };

  return (
    <div className="flex h-full flex-col" data-testid="editor">
      <EditorToolbar
        pipelineId={view.id}
        version={view.version}
        versions={view.versions}
        latestVersion={latestVersion}
        saving={saving}
        problemCount={problems.length}
        runEstimateMs={runEstimate?.latencyMs}
        onVersionChange={(version) => void navigate(`/pipelines/${encodeURIComponent(view.id)}${version === latestVersion ? '' : `?version=${version}`}`)}
        onSave={() => void saveAndLeaveOldVersion()}
        onRun={() => setRunning(true)}
        onImport={(file) => void importFile(file)}
        onExperiment={() => void openExperiment()}
        hasLiveView={view.document.nodes.some((node) => node.kind === 'variants' && (node.config.mode ?? 'split') === 'split')}
      />
      <div className="flex min-h-0 flex-1">
        <aside className="w-48 shrink-0 overflow-y-auto border-r border-zinc-200 bg-white">
          <Palette onAdd={addAtCentre} />
        </aside>
        <div ref={setCanvasElement} className="relative min-w-0 flex-1 bg-zinc-50">
          <EditorCanvas problems={problems} estimates={estimates} />
          <div className="pointer-events-none absolute top-3 left-3">
            <ProblemsPanel problems={problems} checking={checking} onSelectNode={focusNode} />
          </div>
        </div>
        <aside className="w-[360px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white" data-testid="inspector">
          <InspectorPanel problems={problems} />
        </aside>
      </div>
      {experimenting ? <NewExperimentDialog open onOpenChange={setExperimenting} pipelineId={view.id} /> : null}
      {running ? (
        <RunDialog open onOpenChange={setRunning} pipelineId={view.id} inputsSchema={document.inputs} willSave={dirty} onRun={run} />
      ) : null}
    </div>
  );
}
