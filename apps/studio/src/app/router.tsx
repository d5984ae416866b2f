import { createBrowserRouter, Navigate } from 'react-router';
import { AccessGate } from '../access/access-gate.tsx';
import { AppLayout } from './app-layout.tsx';
import { RouteError } from './route-error.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PipelinesPage } from '../pipelines/pipelines-page.tsx';
import { EditorPage } from '../editor/editor-page.tsx';
import { RunPage } from '../runs/run-page.tsx';
import { RunsPage } from '../runs/runs-page.tsx';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { DatasetsPage } from '../datasets/datasets-page.tsx';
import { ExperimentPage } from '../experiments/experiment-page.tsx';
import { ExperimentsPage } from '../experiments/experiments-page.tsx';
import { LivePage } from '../live/live-page.tsx';
import { SettingsLayout } from '../settings/settings-layout.tsx';
import { ProvidersPage } from '../providers/providers-page.tsx';

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
            { path: 'pipelines/:pipelineId', element: <EditorPage /> },
            { path: 'pipelines/:pipelineId/live', element: <LivePage /> },
            { path: 'datasets', element: <DatasetsPage /> },
            { path: 'experiments', element: <ExperimentsPage /> },
            { path: 'experiments/:experimentId', element: <ExperimentPage /> },
            { path: 'runs', element: <RunsPage /> },
            { path: 'runs/:runId', element: <RunPage /> },
            { path: 'inbox', element: <InboxPage /> },
            {
              path: 'settings',
              element: <SettingsLayout />,
              children: [
                { index: true, element: <SettingsPage /> },
                { path: 'providers', element: <ProvidersPage /> },
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
