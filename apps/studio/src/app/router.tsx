import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, useParams, useSearchParams } from 'react-router';
import { pipelineQuery } from '../api/pipelines.ts';
import { AccessGate } from '../access/access-gate.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { AppLayout } from './app-layout.tsx';
import { RouteError } from './route-error.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PipelinesPage } from '../pipelines/pipelines-page.tsx';
import { SettingsLayout } from '../settings/settings-layout.tsx';

// Each screen is its own chunk, loaded when it is first opened: the list opens without the editor's code.
const EditorPage = lazy(() => import('../editor/editor-page.tsx').then((module) => ({ default: module.EditorPage })));
const RunPage = lazy(() => import('../runs/run-page.tsx').then((module) => ({ default: module.RunPage })));
const RunsPage = lazy(() => import('../runs/runs-page.tsx').then((module) => ({ default: module.RunsPage })));
const InboxPage = lazy(() => import('../inbox/inbox-page.tsx').then((module) => ({ default: module.InboxPage })));
const SettingsPage = lazy(() => import('../settings/settings-page.tsx').then((module) => ({ default: module.SettingsPage })));
const DatasetsPage = lazy(() => import('../datasets/datasets-page.tsx').then((module) => ({ default: module.DatasetsPage })));
const ExperimentsPage = lazy(() => import('../experiments/experiments-page.tsx').then((module) => ({ default: module.ExperimentsPage })));
const ExperimentPage = lazy(() => import('../experiments/experiment-page.tsx').then((module) => ({ default: module.ExperimentPage })));
const ProvidersPage = lazy(() => import('../providers/providers-page.tsx').then((module) => ({ default: module.ProvidersPage })));
const LivePage = lazy(() => import('../live/live-page.tsx').then((module) => ({ default: module.LivePage })));

/**
 * The editor's route: asks for the pipeline at once, while the editor's chunk is still loading, so the
 * two downloads overlap instead of following each other.
 */
function EditorRoute() {
  const { pipelineId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const version = searchParams.get('version');
  useQuery(pipelineQuery(pipelineId, version && /^\d+$/.test(version) ? Number(version) : undefined));
  return screen(EditorPage);
}

function screen(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}

/** Every screen of the studio. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: (
        <AccessGate>
          <AppLayout />
        </AccessGate>
      ),
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <PipelinesPage /> },
            { path: 'pipelines/:pipelineId', element: <EditorRoute /> },
            { path: 'pipelines/:pipelineId/live', element: screen(LivePage) },
            { path: 'datasets', element: screen(DatasetsPage) },
            { path: 'experiments', element: screen(ExperimentsPage) },
            { path: 'experiments/:experimentId', element: screen(ExperimentPage) },
            { path: 'runs', element: screen(RunsPage) },
            { path: 'runs/:runId', element: screen(RunPage) },
            { path: 'inbox', element: screen(InboxPage) },
            {
              path: 'settings',
              element: <SettingsLayout />,
              children: [
                { index: true, element: screen(SettingsPage) },
                { path: 'providers', element: screen(ProvidersPage) },
              ],
            },
            // The charts library loads only with the page that draws charts.
            { path: 'monitoring', lazy: async () => ({ Component: (await import('../monitoring/monitoring-page.tsx')).MonitoringPage }) },
            // The owner setup link, once the owner exists (the gate shows the setup page before).
            { path: 'setup', element: <Navigate to="/" replace /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
