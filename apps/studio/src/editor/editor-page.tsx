import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/http.ts';
import { pipelineQuery } from '../api/pipelines.ts';
import { NotFoundPage } from '../app/not-found-page.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { Editor } from './editor.tsx';

/** `/pipelines/:pipelineId[?version=n]`: loads the version, then opens the editor on it. */
export function EditorPage() {
  const { pipelineId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const versionParam = searchParams.get('version');
  const version = versionParam && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
  const query = useQuery(pipelineQuery(pipelineId, version));

  if (query.isPending) return <PageSpinner label="Loading pipeline…" />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.isNotFound) return <NotFoundPage what={version ? 'pipeline version' : 'pipeline'} />;
    return (
      <div className="mx-auto max-w-2xl p-10">
        <ErrorPanel error={query.error} title="Could not load the pipeline" action={<Button size="sm" onClick={() => void query.refetch()}>Try again</Button>} />
      </div>
    );
  }
  const view = query.data;
  const latestVersion = Math.max(view.version, ...view.versions);
  // A new store per pipeline and per requested version; saving the latest keeps the open store.
  return <Editor key={`${pipelineId}@${version ?? 'latest'}`} view={view} latestVersion={latestVersion} />;
}
