import { queryOptions } from '@tanstack/react-query';
import { requestJson } from './http.ts';

/** The server settings the studio edits (`/api/settings`). */
export interface ServerSettings {
  /** Hosts, IP addresses or CIDR ranges HTTP activities may reach although they are private. */
  httpAllowList: string[];
}

export const settingsKeys = { all: ['settings'] as const };

export function settingsQuery() {
  return queryOptions({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => requestJson<ServerSettings>('/api/settings', { signal }),
  });
}

/** Saves the settings; the server answers the saved value (entries trimmed) or a 400 naming `httpAllowList.N`. */
export function saveSettings(settings: ServerSettings) {
  return requestJson<ServerSettings>('/api/settings', { method: 'PUT', body: settings });
}
