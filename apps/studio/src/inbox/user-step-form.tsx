import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Check, X } from 'lucide-react';
import { useAccess } from '../access/use-access.ts';
import { inboxKeys } from '../api/inbox.ts';
import { runKeys, submitUserStep } from '../api/runs.ts';
import { Button } from '../ui/button.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { toast } from '../ui/toast.tsx';

type Mode = 'text' | 'json';

function initialText(value: unknown): { mode: Mode; text: string } {
  if (typeof value === 'string') return { mode: 'text', text: value };
  if (value === undefined || value === null) return { mode: 'text', text: '' };
  return { mode: 'json', text: JSON.stringify(value, null, 2) };
}

/** Approve or reject a waiting user step, optionally editing its value (text or JSON). */
export function UserStepForm({ runId, nodeId, value }: { runId: string; nodeId: string; value: unknown }) {
  const queryClient = useQueryClient();
  const [{ mode, text }, setState] = useState(() => initialText(value));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'approved' | 'rejected'>();
  const { canEdit } = useAccess();

  let parsed: { ok: true; value: unknown } | { ok: false; message: string } = { ok: true, value: text };
  if (mode === 'json') {
    try {
      parsed = { ok: true, value: text.trim() === '' ? undefined : (JSON.parse(text) as unknown) };
    } catch (thrown) {
      parsed = { ok: false, message: `Not valid JSON: ${(thrown as Error).message}` };
    }
  }

  const submit = async (decision: 'approved' | 'rejected') => {
    if (!parsed.ok) return;
    setBusy(decision);
    setError(undefined);
    try {
      await submitUserStep(runId, nodeId, { decision, ...(parsed.value !== undefined ? { value: parsed.value } : {}) });
      toast(decision === 'approved' ? 'Approved' : 'Rejected', { description: `${nodeId} in run ${runId.slice(0, 8)}` });
      await Promise.all([queryClient.invalidateQueries({ queryKey: inboxKeys.all }), queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) })]);
    } catch (thrown) {
      setError((thrown as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="space-y-2" data-testid="user-step-form">
      <div className="flex items-center justify-between">
        <label className="text-xs font-medium text-zinc-700" htmlFor={`value-${runId}-${nodeId}`}>
          Value
        </label>
        <div className="flex rounded-md border border-zinc-200 p-0.5 text-[11px]">
          {(['text', 'json'] as const).map((option) => (
            <button
              key={option}
              type="button"
              onClick={() => setState({ mode: option, text })}
              className={`cursor-pointer rounded px-2 py-0.5 ${mode === option ? 'bg-zinc-900 text-white' : 'text-zinc-500 hover:text-zinc-800'}`}
            >
              {option === 'json' ? 'JSON' : 'Text'}
            </button>
          ))}
        </div>
      </div>
      <Textarea
        id={`value-${runId}-${nodeId}`}
        mono={mode === 'json'}
        rows={Math.min(Math.max(text.split('\n').length + 1, 3), 12)}
        value={text}
        aria-invalid={parsed.ok ? undefined : true}
        onChange={(event) => setState({ mode, text: event.target.value })}
        data-testid="user-step-value"
      />
      {!parsed.ok ? <p className="text-xs text-red-600">{parsed.message}</p> : null}
      {error ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-xs text-red-800" role="alert" data-testid="user-step-error">
          {error}
        </p>
      ) : null}
      <div className={canEdit ? 'flex justify-end gap-2' : 'hidden'}>
        <Button variant="secondary" size="sm" onClick={() => void submit('rejected')} disabled={busy !== undefined || !parsed.ok} data-testid="reject-step">
          <X />
          {busy === 'rejected' ? 'Rejecting…' : 'Reject'}
        </Button>
        <Button variant="primary" size="sm" onClick={() => void submit('approved')} disabled={busy !== undefined || !parsed.ok} data-testid="approve-step">
          <Check />
          {busy === 'approved' ? 'Approving…' : 'Approve'}
        </Button>
      </div>
    </div>
  );
}
