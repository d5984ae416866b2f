import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Database, Lock } from 'lucide-react';
import { datasetsQuery } from '../api/datasets.ts';
import { useAccess } from '../access/use-access.ts';
import { Badge } from '../ui/badge.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { cn } from '../ui/cn.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount, formatRelativeTime } from '../ui/format.ts';
import { PageSpinner } from '../ui/spinner.tsx';
import { DatasetDropzone } from './dataset-dropzone.tsx';
import { DatasetPreview } from './dataset-preview.tsx';

/** `/datasets`: upload CSV or JSONL, browse the datasets, preview their rows. */
export function DatasetsPage() {
  const { data, error, isPending } = useQuery(datasetsQuery());
  const { canEdit } = useAccess();
  const [selectedId, setSelectedId] = useState<string>();
  const selected = data?.find((dataset) => dataset.id === selectedId) ?? data?.[0];

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-7xl space-y-6 px-6 py-8">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Datasets</h1>
          <p className="mt-1 text-zinc-500">Rows to run pipelines over. Columns feed the pipeline’s inputs by name; an <code className="font-mono text-[12px]">expected</code> column feeds the reference scorers.</p>
        </div>
        {canEdit ? <DatasetDropzone onUploaded={(dataset) => setSelectedId(dataset.id)} /> : null}
        {isPending ? <PageSpinner label="Loading datasets…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the datasets" /> : null}
        {data && data.length === 0 ? <EmptyState icon={<Database />} title="No datasets yet" description="Drop a file above to create the first one." /> : null}
        {data && data.length > 0 ? (
          <div className="grid gap-4 lg:grid-cols-[280px_minmax(0,1fr)]">
            <ul className="space-y-1" data-testid="dataset-list">
              {data.map((dataset) => (
                <li key={dataset.id}>
                  <button
                    type="button"
                    onClick={() => setSelectedId(dataset.id)}
                    data-testid="dataset-item"
                    data-dataset-id={dataset.id}
                    className={cn(
                      'w-full cursor-pointer rounded-md border px-3 py-2 text-left transition-colors',
                      dataset.id === selected?.id ? 'border-accent-200 bg-accent-50' : 'border-transparent hover:bg-white',
                    )}
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="truncate font-medium text-zinc-900">{dataset.name}</span>
                      {dataset.locked ? (
                        <Badge title="An experiment used this version: editing makes a new version">
                          <Lock />v{dataset.version}
                        </Badge>
                      ) : (
                        <Badge>v{dataset.version}</Badge>
                      )}
                    </span>
                    <span className="mt-0.5 block text-xs text-zinc-500">
                      {formatCount(dataset.rowCount)} rows · {formatRelativeTime(dataset.updatedAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {selected ? (
              <Card>
                <CardHeader>
                  <CardTitle>{selected.name}</CardTitle>
                  <span className="font-mono text-[11px] text-zinc-400">{selected.id}</span>
                </CardHeader>
                <CardBody>
                  <DatasetPreview key={`${selected.id}@${selected.version}`} dataset={selected} expected={selected.columns.find((column) => column.toLowerCase() === 'expected')} />
                </CardBody>
              </Card>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
