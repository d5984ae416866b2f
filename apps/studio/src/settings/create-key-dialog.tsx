import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Check, Copy, TriangleAlert } from 'lucide-react';
import { apiKeyScopes, type ApiKeyScope, type CreatedApiKey } from '@tandem/shared';
import { accessKeys, createApiKey } from '../api/access.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';

const scopeHelp: Record<ApiKeyScope, string> = {
  studio: 'This API, as an editor',
  runs: 'Start and watch runs, /generate',
  v1: 'OpenAI-compatible /v1',
  admin: 'Accounts, keys, security settings',
};

/** Creates an API key, then shows it once with a copy button. */
export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['v1']);
  const [rpm, setRpm] = useState('');
  const [tpm, setTpm] = useState('');
  const [created, setCreated] = useState<CreatedApiKey>();
  const [copied, setCopied] = useState(false);
  const { busy, error, run } = useAsyncAction();

  const close = (next: boolean) => {
    if (next) return onOpenChange(true);
    onOpenChange(false);
    // Forget the key when the dialog closes: it is never shown again.
    setCreated(undefined);
    setName('');
    setScopes(['v1']);
    setRpm('');
    setTpm('');
    setCopied(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const limits = { ...(rpm.trim() ? { rpm: Number(rpm) } : {}), ...(tpm.trim() ? { tpm: Number(tpm) } : {}) };
    await run(async () => {
      const answer = await createApiKey({ name, scopes, ...(Object.keys(limits).length > 0 ? { limits } : {}) });
      setCreated(answer);
      await queryClient.invalidateQueries({ queryKey: accessKeys.keys });
      await queryClient.invalidateQueries({ queryKey: accessKeys.audit });
    });
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created.key).catch(() => undefined);
    setCopied(true);
  };

  if (created) {
    return (
      <Dialog open={open} onOpenChange={close} title={`Key “${created.view.name}” created`} data-testid="created-key-dialog" footer={<Button variant="primary" onClick={() => close(false)} data-testid="created-key-done">Done</Button>}>
        <div className="space-y-3">
          <div className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-[13px] text-amber-900">
            <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" />
            <p>Copy the key now: it is shown only this once. The server keeps only a hash of it.</p>
          </div>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-2 font-mono text-xs break-all text-zinc-900 select-all" data-testid="created-key">
              {created.key}
            </code>
            <Button onClick={() => void copy()} data-testid="copy-key">
              {copied ? <Check /> : <Copy />}
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Create an API key"
      data-testid="create-key-dialog"
      footer={
        <>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" form="create-key-form" variant="primary" disabled={busy || scopes.length === 0 || name.trim() === ''} data-testid="create-key-submit">
            Create key
          </Button>
        </>
      }
    >
      <form id="create-key-form" className="space-y-4" onSubmit={(event) => void submit(event)}>
        <Field label="Name" htmlFor="key-name" hint="Who or what uses it, e.g. “nightly evaluation”.">
          <Input id="key-name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="key-name" />
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-zinc-700">Scopes</legend>
          <div className="grid grid-cols-2 gap-1.5">
            {apiKeyScopes.map((scope) => (
              <label key={scope} className="flex cursor-pointer items-start gap-2 rounded-md border border-zinc-200 px-2.5 py-2 text-[13px] hover:bg-zinc-50">
                <input
                  type="checkbox"
                  className="mt-0.5 accent-accent-600"
                  checked={scopes.includes(scope)}
                  onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((entry) => entry !== scope))}
                  data-testid={`key-scope-${scope}`}
                />
                <span>
                  <span className="font-medium text-zinc-900">{scope}</span>
                  <span className="block text-xs text-zinc-500">{scopeHelp[scope]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Requests per minute" htmlFor="key-rpm" hint="Optional">
            <Input id="key-rpm" type="number" min={1} value={rpm} onChange={(event) => setRpm(event.target.value)} data-testid="key-rpm" />
          </Field>
          <Field label="Tokens per minute" htmlFor="key-tpm" hint="Optional">
            <Input id="key-tpm" type="number" min={1} value={tpm} onChange={(event) => setTpm(event.target.value)} data-testid="key-tpm" />
          </Field>
        </div>
        {error ? <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-700" role="alert" data-testid="create-key-error">{error}</p> : null}
      </form>
    </Dialog>
  );
}
