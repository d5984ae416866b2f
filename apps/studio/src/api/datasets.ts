import { queryOptions } from '@tanstack/react-query';
import type { DatasetCreated, DatasetRowsPage, DatasetSummary } from '@tandem/shared';
import { ApiError, queryString, requestJson } from './http.ts';

export const datasetKeys = {
  all: ['datasets'] as const,
  list: () => [...datasetKeys.all, 'list'] as const,
  detail: (id: string, version?: number) => [...datasetKeys.all, 'detail', id, version ?? 'latest'] as const,
  rows: (id: string, version: number, offset: number, limit: number) => [...datasetKeys.all, 'rows', id, version, offset, limit] as const,
};

export function datasetsQuery() {
  return queryOptions({
    queryKey: datasetKeys.list(),
    queryFn: ({ signal }) => requestJson<{ datasets: DatasetSummary[] }>('/api/datasets', { signal }).then((body) => body.datasets),
  });
}

export function datasetQuery(id: string, version?: number) {
  return queryOptions({
    queryKey: datasetKeys.detail(id, version),
    queryFn: ({ signal }) => requestJson<DatasetSummary>(`/api/datasets/${encodeURIComponent(id)}${queryString({ version })}`, { signal }),
  });
}

export function datasetRowsQuery(id: string, version: number, offset: number, limit: number) {
  return queryOptions({
    queryKey: datasetKeys.rows(id, version, offset, limit),
    queryFn: ({ signal }) => requestJson<DatasetRowsPage>(`/api/datasets/${encodeURIComponent(id)}/rows${queryString({ version, offset, limit })}`, { signal }),
    staleTime: Infinity,
  });
}

/** Upload progress: bytes sent, and whether the server is now parsing and storing. */
export interface UploadProgress {
  loaded: number;
  total: number;
  processing: boolean;
}

/**
 * Uploads a CSV or JSONL file as multipart with XMLHttpRequest, which reports upload progress
 * (fetch does not); once the bytes are sent the server parses and stores them in one transaction.
 */
export function uploadDataset(file: File, options: { name?: string; onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<DatasetCreated> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const form = new FormData();
    form.set('file', file);
    if (options.name) form.set('name', options.name);
    request.open('POST', '/api/datasets');
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size, processing: false });
    request.upload.onload = () => options.onProgress?.({ loaded: file.size, total: file.size, processing: true });
    request.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the Tandem server'));
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status === 201) return resolve(body as DatasetCreated);
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(request.status, error?.code ?? `HTTP_${request.status}`, error?.message ?? (request.statusText || 'Upload failed'), error?.details));
    };
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
