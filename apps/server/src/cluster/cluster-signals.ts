import { createPgNotifications, experimentEventsChannel, runEventsChannel, type TandemPostgres } from '@tandem/db';

/**
 * What the processes of a cluster tell each other. Signals are hints that make things prompt, never
 * data: a woken stream reads the event table, a woken worker asks the queue, and each side also polls,
 * so a lost signal only delays.
 */
export interface ClusterSignals {
  /** Calls `listener` when events of `runId` were committed (by any process). */
  onRunCommitted(runId: string, listener: () => void): () => void;
  /** Calls `listener` when events of an experiment were committed (by any process). */
  onExperimentCommitted(experimentId: string, listener: () => void): () => void;
  /** Tells idle workers that a run was enqueued. */
  announceWork(): Promise<void>;
  onWork(listener: () => void): () => void;
  /** Asks whichever worker executes `runId` to cancel it. */
  requestCancel(runId: string): Promise<void>;
  onCancelRequested(listener: (runId: string) => void): () => void;
  /** Called when signals may have been missed (a lost connection was re-established). */
  onMissed(listener: () => void): () => void;
  close(): Promise<void>;
}

const workChannel = 'tandem_run_queue';
const cancelChannel = 'tandem_run_cancel';

/** Per-key listener sets. */
function createListeners<Key>() {
  const byKey = new Map<Key, Set<() => void>>();
  return {
    add(key: Key, listener: () => void): () => void {
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && byKey.get(key) === set) byKey.delete(key);
      };
    },
    call(key: Key): void {
      for (const listener of [...(byKey.get(key) ?? [])]) listener();
    },
    callAll(): void {
      for (const set of [...byKey.values()]) for (const listener of [...set]) listener();
    },
  };
}

/** Signals over Postgres LISTEN/NOTIFY: one listening connection per process. */
export async function createPgClusterSignals(postgres: TandemPostgres): Promise<ClusterSignals> {
  const notifications = createPgNotifications(postgres.url, postgres.pool);
  const committed = createListeners<string>();
  const experiments = createListeners<string>();
  const work = createListeners<'work'>();
  const cancels = new Set<(runId: string) => void>();
  const missed = createListeners<'missed'>();
  // The payload of a commit is `<runId>:<lastSeq>` (see the Postgres run store).
  notifications.listen(runEventsChannel, (payload) => committed.call(payload.slice(0, payload.lastIndexOf(':'))));
  notifications.listen(experimentEventsChannel, (experimentId) => experiments.call(experimentId));
  notifications.listen(workChannel, () => work.call('work'));
  notifications.listen(cancelChannel, (runId) => {
    for (const listener of [...cancels]) listener(runId);
  });
  notifications.onReconnect(() => {
    missed.call('missed');
    committed.callAll();
    experiments.callAll();
    work.call('work');
  });
  await notifications.ready();
  return {
    onRunCommitted: (runId, listener) => committed.add(runId, listener),
    onExperimentCommitted: (experimentId, listener) => experiments.add(experimentId, listener),
    announceWork: () => notifications.notify(workChannel, ''),
    onWork: (listener) => work.add('work', listener),
    requestCancel: (runId) => notifications.notify(cancelChannel, runId),
    onCancelRequested(listener) {
      cancels.add(listener);
      return () => cancels.delete(listener);
    },
    onMissed: (listener) => missed.add('missed', listener),
    close: () => notifications.close(),
  };
}

/** Signals within one process (cluster mode over SQLite, tests): `committed` and `experimentCommitted` are called by whoever appends. */
export function createLocalClusterSignals(): ClusterSignals & { committed(runId: string): void; experimentCommitted(experimentId: string): void } {
  const committed = createListeners<string>();
  const experiments = createListeners<string>();
  const work = createListeners<'work'>();
  const cancels = new Set<(runId: string) => void>();
  return {
    committed: (runId) => committed.call(runId),
    onRunCommitted: (runId, listener) => committed.add(runId, listener),
    experimentCommitted: (experimentId) => experiments.call(experimentId),
    onExperimentCommitted: (experimentId, listener) => experiments.add(experimentId, listener),
    announceWork: async () => work.call('work'),
    onWork: (listener) => work.add('work', listener),
    async requestCancel(runId) {
      for (const listener of [...cancels]) listener(runId);
    },
    onCancelRequested(listener) {
      cancels.add(listener);
      return () => cancels.delete(listener);
    },
    onMissed: () => () => undefined,
    close: async () => undefined,
  };
}
