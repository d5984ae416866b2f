import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { checkPipeline } from '@tandem/engine';
import type { PipelineVersionView } from '@tandem/shared';
import { startRun } from '../api/runs.ts';
import { fitReadable } from '../canvas/canvas-chrome.tsx';
import { EditorCanvas } from '../canvas/editor-canvas.tsx';
import type { NodeHighlight } from '../canvas/to-react-flow.ts';
import { layoutPipeline, needsLayout } from '../canvas/layout-graph.ts';
import { Palette } from '../canvas/palette.tsx';
import { useMeasuredSizes } from '../canvas/use-measured-sizes.ts';
import { InspectorPanel } from '../inspector/inspector-panel.tsx';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { readPipelineFile } from '../pipelines/current-document.ts';
import { NewPipelineDialog } from '../pipelines/new-pipeline-dialog.tsx';
import { usePipelineActions } from '../pipelines/use-pipeline-actions.ts';
import { createGraphStore } from '../stores/create-graph-store.ts';
import { createSelectionStore } from '../stores/create-selection-store.ts';
import { cn } from '../ui/cn.ts';
import { readJsonFile } from '../ui/file-button.tsx';
import { toast } from '../ui/toast.tsx';
import { CommandPalette } from './command-palette.tsx';
import { DeleteNodesDialog } from './delete-nodes-dialog.tsx';
import { EditorStoresProvider, useGraphStore, useGraphWithEquality, useSelection } from './editor-stores.tsx';
import { sameExceptPositions } from './same-except-positions.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { ProblemsPanel } from './problems-panel.tsx';
import { RunDialog } from './run-dialog.tsx';
import { ShortcutSheet } from './shortcut-sheet.tsx';
import { NewExperimentDialog } from '../experiments/new-experiment-dialog.tsx';
import { UnsavedChangesGuard } from './unsaved-changes-guard.tsx';
import { useEditorCommands } from './use-editor-commands.ts';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { usePipelineChecks } from './use-pipeline-checks.ts';
import { useSavePipeline } from './use-save-pipeline.ts';
import { VersionComparePanel } from './version-compare-panel.tsx';

interface EditorProps {
  view: PipelineVersionView;
  latestVersion: number;
}

/** Below this width the side panels start collapsed, so the canvas keeps room. */
const narrowScreen = 1280;

/** The editor of one pipeline version (or its draft): palette, canvas, inspector, toolbar. */
export function Editor({ view, latestVersion }: EditorProps) {
  const [graph] = useState(() => createGraphStore(view.draft?.document ?? view.document));
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
  const instance = useReactFlow();
  const store = useGraphStore();
  // Everything here reads what the document does, not where its nodes sit: a drag does not re-render the editor around the canvas.
  const document = useGraphWithEquality((state) => state.document, sameExceptPositions);
  const selectedNodeId = useSelection((state) => state.selectedNodeId);
  const { save, saving, refusedProblems } = useSavePipeline(view.id, store);
  const extra = useMemo(() => refusedProblems ?? [], [refusedProblems]);
  const { problems, estimates, runEstimate, checking } = usePipelineChecks(document, extra);
  const [measured, applyDimensions] = useMeasuredSizes();
  const [experimenting, setExperimenting] = useState(false);
  const [canvasElement, setCanvasElement] = useState<HTMLDivElement | null>(null);
  const [running, setRunning] = useState(false);
  const [searching, setSearching] = useState(false);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [highlights, setHighlights] = useState<ReadonlyMap<string, NodeHighlight>>();
  const [copyingTemplate, setCopyingTemplate] = useState(false);
  const [isDraft, setIsDraft] = useState(view.draft !== undefined);
  const narrow = typeof window !== 'undefined' && window.innerWidth < narrowScreen;
  const [paletteOpen, setPaletteOpen] = useState(!narrow);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  const actions = usePipelineActions();

  const saveNow = async () => {
    const outcome = await save(problems);
    if (!outcome) return undefined;
    setIsDraft(outcome.kind === 'draft');
    if (outcome.kind === 'version' && view.version !== latestVersion) await navigate(`/pipelines/${encodeURIComponent(view.id)}`, { replace: true });
    return outcome;
  };

  const editor = useEditorCommands({
    measured,
    canvasElement,
    onSave: () => void saveNow(),
    onOpenSearch: () => setSearching(true),
    onOpenShortcuts: () => setShowingShortcuts(true),
  });
  useEditorShortcuts(editor.commands);

  const fitView = useCallback(() => fitReadable(instance, { width: canvasElement?.clientWidth ?? 0, height: canvasElement?.clientHeight ?? 0 }), [instance, canvasElement]);
  useEffect(() => {
    if (editor.laidOut > 0) requestAnimationFrame(fitView);
  }, [editor.laidOut, fitView]);

  useEffect(() => {
    // A document without positions (written by hand or another tool) is laid out as it opens.
    if (!needsLayout(store.getState().document)) return;
    void layoutPipeline(store.getState().document).then((positions) => {
      store.getState().moveNodes(positions);
      requestAnimationFrame(fitView);
    });
  }, [store, fitView]);

  useEffect(() => {
    // A node selected on a narrow screen brings the inspector back.
    if (selectedNodeId) setInspectorOpen(true);
  }, [selectedNodeId]);

  const importFile = async (file: File) => {
    try {
      let imported = { ...readPipelineFile(await readJsonFile(file), file.name), id: view.id };
      if (needsLayout(imported)) imported = { ...imported, nodes: applyPositions(imported.nodes, await layoutPipeline(imported)) };
      store.getState().replaceDocument(imported);
      requestAnimationFrame(fitView);
      const outcome = await save(checkPipeline(imported, nodeRegistry).problems, imported);
      if (outcome) setIsDraft(outcome.kind === 'draft');
    } catch (error) {
      toast('Import failed', { tone: 'error', description: (error as Error).message });
    }
  };

  // An experiment runs stored versions: unsaved edits are saved first.
  const openExperiment = async () => {
    if (store.getState().dirty || isDraft) {
      const outcome = await saveNow();
      if (outcome?.kind !== 'version') return;
    }
    setExperimenting(true);
  };

  const run = async (inputs: Record<string, unknown>) => {
    let version = view.version;
    if (store.getState().dirty || isDraft) {
      const outcome = await saveNow();
      if (outcome?.kind !== 'version') throw new Error('The pipeline could not be saved as a version, so it was not run');
      version = outcome.saved.version;
    }
    const { id } = await startRun({ pipelineId: view.id, version, inputs });
    setRunning(false);
    await navigate(`/runs/${encodeURIComponent(id)}`);
  };

  return (
    <div className="flex h-full flex-col" data-testid="editor" data-draft={isDraft ? 'true' : undefined}>
      <EditorToolbar
        pipelineId={view.id}
        version={view.version}
        versions={view.versions}
        latestVersion={latestVersion}
        saving={saving}
        problems={problems}
        runEstimateMs={runEstimate?.latencyMs}
        isDraft={isDraft}
        isTemplate={view.isTemplate === true}
        onVersionChange={(version) => void navigate(`/pipelines/${encodeURIComponent(view.id)}${version === latestVersion ? '' : `?version=${version}`}`)}
        onSave={() => void saveNow()}
        onRun={() => setRunning(true)}
        onImport={(file) => void importFile(file)}
        onUndo={editor.commands.undo}
        onRedo={editor.commands.redo}
        onLayout={editor.commands.layout}
        onSearch={() => setSearching(true)}
        onShortcuts={() => setShowingShortcuts(true)}
        onCompare={() => setComparing((value) => !value)}
        onUseTemplate={() => setCopyingTemplate(true)}
        onExperiment={() => void openExperiment()}
        hasLiveView={view.document.nodes.some((node) => node.kind === 'variants' && (node.config.mode ?? 'split') === 'split')}
      />
      <div className="flex min-h-0 flex-1">
        <aside className={cn('relative shrink-0 overflow-y-auto border-r border-zinc-200 bg-white', paletteOpen ? 'w-52' : 'w-12')} data-testid="palette-panel">
          <button
            type="button"
            onClick={() => setPaletteOpen((open) => !open)}
            className="flex h-8 w-full cursor-pointer items-center justify-center gap-1.5 border-b border-zinc-100 text-xs text-zinc-500 hover:bg-zinc-50 hover:text-zinc-900"
            aria-label={paletteOpen ? 'Collapse the palette' : 'Expand the palette'}
            data-testid="toggle-palette"
          >
            {paletteOpen ? <PanelLeftClose className="size-4" /> : <PanelLeftOpen className="size-4" />}
            {paletteOpen ? 'Hide' : null}
          </button>
          <Palette onAdd={editor.addNode} collapsed={!paletteOpen} />
        </aside>
        <div ref={setCanvasElement} className="relative min-w-0 flex-1 bg-zinc-50">
          <EditorCanvas problems={problems} estimates={estimates} measured={measured} onMeasured={applyDimensions} {...(highlights ? { highlights } : {})} />
          <div className="pointer-events-none absolute top-3 left-3 max-w-[calc(100%-4rem)]">
            <ProblemsPanel problems={problems} checking={checking} onSelectNode={editor.focusNode} />
          </div>
          {!inspectorOpen ? (
            <button
              type="button"
              onClick={() => setInspectorOpen(true)}
              className="absolute top-3 right-3 flex cursor-pointer items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs text-zinc-600 shadow-sm hover:text-zinc-900"
              aria-label="Show the inspector"
              data-testid="toggle-inspector"
            >
              <PanelRightOpen className="size-4" />
              Inspector
            </button>
          ) : null}
        </div>
        {comparing ? (
          <aside className="w-[380px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white" data-testid="compare-panel">
            <VersionComparePanel pipelineId={view.id} versions={view.versions} latestVersion={latestVersion} onClose={() => setComparing(false)} onSelectNode={editor.focusNode} onHighlights={setHighlights} />
          </aside>
        ) : inspectorOpen ? (
          <aside className={cn('relative shrink-0 overflow-y-auto border-l border-zinc-200 bg-white', narrow ? 'w-[320px]' : 'w-[360px]')} data-testid="inspector">
            <button
              type="button"
              onClick={() => setInspectorOpen(false)}
              className="absolute top-2 right-2 z-10 cursor-pointer rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
              aria-label="Hide the inspector"
              data-testid="hide-inspector"
            >
              <PanelRightClose className="size-4" />
            </button>
            <InspectorPanel problems={problems} onDeleteNode={(nodeId) => editor.requestDelete([nodeId])} />
          </aside>
        ) : null}
      </div>
      {running ? <RunDialog open onOpenChange={setRunning} pipelineId={view.id} inputsSchema={document.inputs} willSave={store.getState().dirty || isDraft} onRun={run} /> : null}
      {searching ? <CommandPalette open onOpenChange={setSearching} onJumpToNode={editor.focusNode} onAddKind={editor.addNode} /> : null}
      <ShortcutSheet open={showingShortcuts} onOpenChange={setShowingShortcuts} />
      {editor.pendingDelete ? (
        <DeleteNodesDialog
          nodeIds={editor.pendingDelete.nodeIds}
          sites={editor.pendingDelete.sites}
          candidates={document.nodes.map((node) => node.id).filter((id) => !editor.pendingDelete!.nodeIds.includes(id))}
          onCancel={() => editor.resolveDelete(undefined)}
          onDelete={(fix) => editor.resolveDelete(fix)}
        />
      ) : null}
      {experimenting ? <NewExperimentDialog open onOpenChange={setExperimenting} pipelineId={view.id} /> : null}
      <NewPipelineDialog
        key={copyingTemplate ? 'open' : 'closed'}
        open={copyingTemplate}
        onOpenChange={setCopyingTemplate}
        title={`Use template “${document.name}”`}
        initialName={`${document.name} copy`}
        submitLabel="Create my copy"
        onSubmit={(values) => actions.copyTemplate(view.id, values.name, store.getState().document)}
      />
    </div>
  );
}

function applyPositions<Node extends { id: string; position: { x: number; y: number } }>(nodes: readonly Node[], positions: readonly { id: string; position: { x: number; y: number } }[]): Node[] {
  const byId = new Map(positions.map((entry) => [entry.id, entry.position]));
  return nodes.map((node) => ({ ...node, position: byId.get(node.id) ?? node.position }));
}
