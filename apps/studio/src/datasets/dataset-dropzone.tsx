import { useRef, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FileUp, UploadCloud } from 'lucide-react';
import type { DatasetCreated } from '@tandem/shared';
import { datasetKeys, uploadDataset, type UploadProgress } from '../api/datasets.ts';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';

const accepted = '.csv,.jsonl,.ndjson,text/csv,application/x-ndjson';

function ProgressBar({ progress }: { progress: UploadProgress }) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  return (
    <div className="w-full max-w-sm space-y-1.5" data-testid="upload-progress">
      <div className="h-2 overflow-hidden rounded-full bg-zinc-100">
        <div className={cn('h-full rounded-full bg-accent-600 transition-[width]', progress.processing && 'animate-pulse')} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-zinc-500 tabular-nums">
        {progress.processing ? 'Checking and storing every row…' : `Uploading ${percent} % (${(progress.loaded / 1024 / 1024).toFixed(1)} of ${(progress.total / 1024 / 1024).toFixed(1)} MB)`}
      </p>
    </div>
  );
}

/** Drop a CSV or JSONL file (or pick one): it uploads with a progress bar and the server parses it as it streams in. */
export function DatasetDropzone({ onUploaded, compact = false }: { onUploaded: (dataset: DatasetCreated) => void; compact?: boolean }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<UploadProgress>();
  const [error, setError] = useState<unknown>();

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    setProgress({ loaded: 0, total: file.size, processing: false });
    try {
      const created = await uploadDataset(file, { onProgress: setProgress });
      await queryClient.invalidateQueries({ queryKey: datasetKeys.all });
      onUploaded(created);
    } catch (thrown) {
      setError(thrown);
    } finally {
      setProgress(undefined);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  };

  return (
    <div className="space-y-3">
      <div
        data-testid="dataset-dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 text-center transition-colors',
          compact ? 'py-5' : 'py-10',
          dragging ? 'border-accent-500 bg-accent-50' : 'border-zinc-200 bg-white',
        )}
      >
        {progress ? (
          <ProgressBar progress={progress} />
        ) : (
          <>
            <UploadCloud className="size-6 text-zinc-400" />
            <p className="font-medium text-zinc-800">Drop a CSV or JSONL file here</p>
            <p className="text-xs text-zinc-500">A header row names the columns (CSV); one JSON object per line (JSONL). Tens of thousands of rows are fine.</p>
            <Button size="sm" className="mt-1" onClick={() => input.current?.click()} data-testid="choose-dataset-file">
              <FileUp />
              Choose a file
            </Button>
          </>
        )}
        <input
          ref={input}
          type="file"
          accept={accepted}
          className="hidden"
          data-testid="dataset-file-input"
          onChange={(event) => {
            void upload(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      {error ? <ErrorPanel error={error} title="The file was not stored" /> : null}
    </div>
  );
}
