import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ExperimentEvent, ExperimentView } from '@tandem/shared';
import { experimentEventsUrl, experimentKeys } from '../api/experiments.ts';

export type ExperimentStream = 'connecting' | 'live' | 'reconnecting' | 'ended';

/** How often charts and tables refetch while trials end (the progress bar follows every event). */
const refreshMs = 1500;

/**
 * Follows an experiment's progress over SSE (resumable: the browser resends Last-Event-ID). Each
 * event carries the whole progress; the analysis, results and rows refetch at most every 1.5 s
 * while trials end, and once more at the end.
 */
export function useExperimentEvents(view: ExperimentView): { progress: ExperimentView['progress']; status: ExperimentView['status']; stopReason: ExperimentView['stopReason']; stream: ExperimentStream } {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<ExperimentEvent['data']>();
  const [stream, setStream] = useState<ExperimentStream>('connecting');

  useEffect(() => {
    const source = new EventSource(experimentEventsUrl(view.id));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer = undefined;
      for (const key of [experimentKeys.analysis(view.id), experimentKeys.results(view.id), [...experimentKeys.all, 'rows', view.id]]) void queryClient.invalidateQueries({ queryKey: key });
    };
    source.onopen = () => setStream('live');
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as ExperimentEvent;
      setLatest(event.data);
      if (event.type.startsWith('trial.')) timer ??= setTimeout(refresh, refreshMs);
    };
    source.addEventListener('end', () => {
      source.close();
      if (timer) clearTimeout(timer);
      refresh();
      setStream('ended');
      void queryClient.invalidateQueries({ queryKey: experimentKeys.detail(view.id) });
    });
    source.onerror = () => setStream(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting');
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [view.id, queryClient]);

  return { progress: latest?.progress ?? view.progress, status: latest?.status ?? view.status, stopReason: latest?.stopReason ?? view.stopReason, stream };
}
