import pg from 'pg';

/** Called with the payload of each notification on a channel. */
export type NotificationListener = (payload: string) => void;

/**
 * LISTEN/NOTIFY over one dedicated connection per process. Notifications are hints, never the data:
 * whoever is woken reads the tables. After a lost connection it reconnects, listens again and calls the
 * `onReconnect` listeners, since notifications sent meanwhile are gone (readers catch up from the tables).
 */
export interface PgNotifications {
  /** Calls `listener` for each notification on `channel`; answers an unsubscribe function. */
  listen(channel: string, listener: NotificationListener): () => void;
  /** Sends a notification (through the pool, outside any transaction). */
  notify(channel: string, payload: string): Promise<void>;
  /** Called after the connection was re-established. */
  onReconnect(listener: () => void): () => void;
  /** Resolves once the connection listens on every channel asked for so far. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the listening connection on `url`; `pool` sends notifications. */
export function createPgNotifications(url: string, pool: pg.Pool): PgNotifications {
  const listeners = new Map<string, Set<NotificationListener>>();
  const reconnectListeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let failures = 0;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, application_name: 'tandem-listen' });
    next.on('notification', (message) => {
      for (const listener of [...(listeners.get(message.channel) ?? [])]) listener(message.payload ?? '');
    });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client !== next || closed) return;
      client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    if (closed) {
      await next.end();
      return;
    }
    // Set first: a channel added while the LISTENs below run is listened to by `listen` (twice is harmless).
    client = next;
    for (const channel of listeners.keys()) await next.query(`LISTEN ${quote(channel)}`);
    failures = 0;
  }

  function scheduleReconnect(): void {
    const delay = Math.min(5_000, 100 * 2 ** failures++);
    setTimeout(() => {
      if (closed) return;
      connecting = connect().then(
        () => {
          for (const listener of reconnectListeners) listener();
        },
        () => scheduleReconnect(),
      );
    }, delay).unref();
  }

  connecting = connect();

  return {
    listen(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        const current = client;
        if (current) connecting = Promise.resolve(connecting).then(() => current.query(`LISTEN ${quote(channel)}`)).then(() => undefined, () => undefined);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async ready() {
      await connecting;
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
