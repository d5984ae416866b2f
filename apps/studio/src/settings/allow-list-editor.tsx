import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Plus, Save, ShieldAlert } from 'lucide-react';
import { ApiError } from '../api/http.ts';
import { saveSettings, settingsKeys, type ServerSettings } from '../api/settings.ts';
import { Button } from '../ui/button.tsx';
import { Input } from '../ui/input.tsx';
import { toast } from '../ui/toast.tsx';
import { AllowListRow } from './allow-list-row.tsx';
import { privateReason } from './private-address.ts';

/** `httpAllowList.3: must be …` → { 3: 'must be …' }, from a 400's `details.problems`. */
function entryErrors(error: unknown): Record<number, string> {
  if (!(error instanceof ApiError)) return {};
  const problems = (error.details as { problems?: { field?: string; message?: string }[] } | undefined)?.problems ?? [];
  const byIndex: Record<number, string> = {};
  for (const problem of problems) {
    const match = /^httpAllowList\.(\d+)$/.exec(problem.field ?? '');
    if (match) byIndex[Number(match[1])] = problem.message ?? 'is invalid';
  }
  return byIndex;
}

/** Edits the HTTP activity allow-list and saves it with `PUT /api/settings`. */
export function AllowListEditor({ saved }: { saved: ServerSettings }) {
  const queryClient = useQueryClient();
  const [entries, setEntries] = useState(saved.httpAllowList);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const errors = entryErrors(error);
  const risky = entries.filter((entry) => privateReason(entry));
  const dirty = JSON.stringify(entries) !== JSON.stringify(saved.httpAllowList);

  const update = (next: string[]) => {
    setEntries(next);
    setError(undefined);
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    update([...entries, draft.trim()]);
    setDraft('');
  };
  const save = async () => {
    // Drop empty rows first, so the indexes the server names are the rows on screen.
    const cleaned = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
    setEntries(cleaned);
    setSaving(true);
    setError(undefined);
    try {
      const answer = await saveSettings({ httpAllowList: cleaned });
      queryClient.setQueryData(settingsKeys.all, answer);
      setEntries(answer.httpAllowList);
      toast('Settings saved', { tone: 'success' });
    } catch (thrown) {
      setError(thrown);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="space-y-3" data-testid="allow-list-editor">
      {risky.length > 0 ? (
        <div role="status" data-testid="allow-list-private-warning" className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-[13px] text-amber-900">
          <ShieldAlert className="mt-0.5 size-4 shrink-0 text-amber-600" />
          <p>
            {risky.length === 1 ? 'One entry opens' : `${risky.length} entries open`} private addresses: HTTP activities in any pipeline can then reach the
            internal services there. List only the hosts and ranges you need.
          </p>
        </div>
      ) : null}
      {entries.length === 0 ? <p className="text-[13px] text-zinc-500" data-testid="allow-list-empty">Nothing is listed: HTTP activities reach public addresses only.</p> : null}
      <ul className="space-y-1.5">
        {entries.map((entry, index) => (
          <AllowListRow
            key={index}
            index={index}
            value={entry}
            error={errors[index]}
            onChange={(value) => update(entries.map((current, position) => (position === index ? value : current)))}
            onRemove={() => update(entries.filter((_, position) => position !== index))}
          />
        ))}
      </ul>
      <form className="flex gap-2" onSubmit={add}>
        <Input
          aria-label="New allow-list entry"
          placeholder="api.internal.example, 10.1.2.3 or 10.0.0.0/8"
          className="font-mono text-[12.5px]"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="allow-list-new"
        />
        <Button type="submit" disabled={!draft.trim()} data-testid="allow-list-add">
          <Plus />
          Add
        </Button>
      </form>
      {error ? (
        <p role="alert" data-testid="settings-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-800">
          {Object.keys(errors).length > 0
            ? `Not saved: the server refused ${Object.keys(errors).length === 1 ? 'the marked entry' : 'the marked entries'}.`
            : (error as Error).message}
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-2 border-t border-zinc-100 pt-3">
        {dirty ? <span className="mr-auto text-xs text-amber-700" data-testid="settings-unsaved">Unsaved changes</span> : null}
        <Button variant="ghost" disabled={!dirty || saving} onClick={() => update(saved.httpAllowList)} data-testid="settings-reset">
          Discard
        </Button>
        <Button variant="primary" disabled={!dirty || saving} onClick={() => void save()} data-testid="settings-save">
          <Save />
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </div>
  );
}
