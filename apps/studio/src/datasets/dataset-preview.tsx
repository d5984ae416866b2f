import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { DatasetSummary } from '@tandem/shared';
import { datasetRowsQuery } from '../api/datasets.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount, formatValue } from '../ui/format.ts';
import { Spinner } from '../ui/spinner.tsx';

const pageSize = 25;

/** A page of a dataset's rows under its detected columns; `expected` marks the expected column. */
export function DatasetPreview({ dataset, expected, pageSize: size = pageSize }: { dataset: DatasetSummary; expected?: string; pageSize?: number }) {
  const [offset, setOffset] = useState(0);
  const rows = useQuery({ ...datasetRowsQuery(dataset.id, dataset.version, offset, size), placeholderData: keepPreviousData });
  return (
    <div className="space-y-2" data-testid="dataset-preview">
      <div className="flex items-center justify-between gap-2 text-xs text-zinc-500">
        <span>
          {formatCount(dataset.rowCount)} rows · {dataset.columns.length} columns · {dataset.format.toUpperCase()} · v{dataset.version}
        </span>
        <span className="flex items-center gap-1">
          <span className="tabular-nums">
            {formatCount(Math.min(offset + 1, dataset.rowCount))}–{formatCount(Math.min(offset + size, dataset.rowCount))}
          </span>
          <Button size="icon-sm" variant="ghost" aria-label="Previous rows" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - size))}>
            <ChevronLeft />
          </Button>
          <Button size="icon-sm" variant="ghost" aria-label="Next rows" disabled={offset + size >= dataset.rowCount} onClick={() => setOffset(offset + size)}>
            <ChevronRight />
          </Button>
        </span>
      </div>
      {rows.error ? <ErrorPanel error={rows.error} title="Could not load the rows" /> : null}
      <div className="overflow-auto rounded-md border border-zinc-200 bg-white">
        <table className="w-full text-left text-[12.5px]">
          <thead className="sticky top-0 bg-zinc-50 text-[11px] text-zinc-500">
            <tr>
              <th className="w-12 px-2 py-1.5 font-medium">#</th>
              {dataset.columns.map((column) => (
                <th key={column} className="px-2 py-1.5 font-medium whitespace-nowrap" data-testid="dataset-column">
                  {column} {column === expected ? <Badge tone="green">expected</Badge> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.data?.rows.map((row) => (
              <tr key={row.index} className="border-t border-zinc-100 align-top">
                <td className="px-2 py-1.5 text-zinc-400 tabular-nums">{row.index}</td>
                {dataset.columns.map((column) => (
                  <td key={column} className="max-w-[28rem] px-2 py-1.5 text-zinc-800">
                    <span className="line-clamp-3 whitespace-pre-wrap">{formatValue(row.data[column])}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.isPending ? (
          <div className="p-3">
            <Spinner label="Loading rows…" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
