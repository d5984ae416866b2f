import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { applyRunEvent, emptyRunState, type RunState } from '@tandem/engine';
import type { RunEvent } from '@tandem/shared';
import { runEventsUrl, runKeys, runTraceQuery } from '../api/runs.ts';
import { readRunEvent } from '../api/read-run-event.ts';

export type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

export interface RunEventsView {
  run: RunState;
  /** Every event applied so far, in seq order, without duplicates. */
  events: readonly RunEvent[];
  stream: StreamStatus;
  error: Error | null;
  /** Reconnects after the stream failed for good. */
  retry: () => void;
}

interface Folded {
  run: RunState;
  events: RunEvent[];
}

const emptyFold = (): Folded => ({ run: emptyRunState(), events: [] });

/** Applies a batch; events already seen (same or lower seq) are dropped, so replays never duplicate anything. */
export function foldBatch(current: Folded, batch: readonly RunEvent[]): Folded {
  let { run } = current;
  const fresh: RunEvent[] = [];
  for (const event of batch) {
    if (event.seq <= run.lastSeq) continue;
    run = applyRunEvent(run, event);
    fresh.push(event);
  }
  return fresh.length === 0 ? current : { run, events: [...current.events, ...fresh] };
}

/** Batches stream events so a fast token stream causes one render per tick, not one per token. */
const flushIntervalMs = 40;

/**
 * A run's state, folded with the engine's `applyRunEvent`. A live run is followed over SSE
 * (the server replays from the start, then streams; the browser resends Last-Event-ID on reconnect);
 * a finished run is read once from its trace. Mount one per run id (key it by the id).
 * @example
 * const { run, events, stream } = useRunEvents(runId, { live: status === 'running' });
 */
export function useRunEvents(runId: string, { live }: { live: boolean }): RunEventsView {
  const queryClient = useQueryClient();
  const [folded, setFolded] = useState<Folded>(emptyFold);
  const [stream, setStream] = useState<StreamStatus>(live ? 'connecting' : 'idle');
  const [attempt, setAttempt] = useState(0);
  const [unreadable, setUnreadable] = useState<Error | null>(null);
  const trace = useQuery({ ...runTraceQuery(runId), enabled: !live });

  useEffect(() => {
    if (!live && trace.data) setFolded((current) => foldBatch(current, trace.data));
  }, [live, trace.data]);

  useEffect(() => {
    if (!live) return;
    setStream('connecting');
    const source = new EventSource(runEventsUrl(runId));
    let queue: RunEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queue;
      queue = [];
      if (batch.length > 0) setFolded((current) => foldBatch(current, batch));
    };
    source.onopen = () => setStream('live');
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        queue.push(readRunEvent(JSON.parse(message.data)));
      } catch (error) {
        // An event the page cannot read would leave a hole in the trace: stop and say why.
        source.close();
        flush();
        setUnreadable(error instanceof Error ? error : new Error(String(error)));
        setStream('failed');
        return;
      }
      timer ??= setTimeout(flush, flushIntervalMs);
    };
    source.addEventListener('end', () => {
      // Without close() the browser would reconnect and replay the finished run forever.
      source.close();
      if (timer) clearTimeout(timer);
      flush();
      setStream('ended');
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: [...runKeys.all, 'list'] });
    });
    source.onerror = () => setStream(source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting');
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [runId, live, attempt, queryClient]);

  const error = live ? (stream === 'failed' ? (unreadable ?? new Error('The live event stream closed unexpectedly')) : null) : trace.error;
  return {
    run: folded.run,
    events: folded.events,
    stream: live ? stream : trace.isPending ? 'connecting' : 'ended',
    error,
    retry: () => {
      setUnreadable(null);
      if (live) setAttempt((value) => value + 1);
      else void trace.refetch();
    },
  };
}
