import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { gatewayKeys, putProvider } from '../api/providers.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';

/** Adds an OpenAI-compatible provider; its key goes to the server, is stored sealed and is never shown again. */
export function AddProviderDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [baseURL, setBaseURL] = useState('');
  const [models, setModels] = useState('');
  const [apiKey, setApiKey] = useState('');
  const { busy, error, run } = useAsyncAction();
  const close = () => {
    onOpenChange(false);
    setName('');
    setBaseURL('');
    setModels('');
    setApiKey('');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(async () => {
      await putProvider(name.trim(), {
        kind: 'openai-compatible',
        baseURL: baseURL.trim(),
        models: models.split(',').map((model) => model.trim()).filter(Boolean),
        ...(apiKey ? { apiKey } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['providers'] });
      await queryClient.invalidateQueries({ queryKey: gatewayKeys.providers });
    });
    if (saved) close();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="Add a provider"
      description="Any OpenAI-compatible endpoint: OpenAI, vLLM, llama.cpp server, Ollama, LM Studio, OpenRouter…"
      data-testid="add-provider-dialog"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" form="add-provider-form" variant="primary" disabled={busy || !name.trim() || !baseURL.trim()} data-testid="add-provider-submit">
            Add provider
          </Button>
        </>
      }
    >
      <form id="add-provider-form" className="space-y-4" onSubmit={(event) => void submit(event)}>
        <Field label="Name" htmlFor="provider-name" hint="The prefix of its model strings: name:model.">
          <Input id="provider-name" required value={name} onChange={(event) => setName(event.target.value.toLowerCase())} placeholder="openrouter" data-testid="provider-name" />
        </Field>
        <Field label="Base URL" htmlFor="provider-url" hint="With the version path, e.g. https://api.openai.com/v1">
          <Input id="provider-url" required value={baseURL} onChange={(event) => setBaseURL(event.target.value)} placeholder="http://127.0.0.1:8080/v1" data-testid="provider-url" />
        </Field>
        <Field label="Models" htmlFor="provider-models" hint="Comma separated, offered in model pickers.">
          <Input id="provider-models" value={models} onChange={(event) => setModels(event.target.value)} placeholder="gpt-4o-mini, gpt-4o" data-testid="provider-models" />
        </Field>
        <Field label="API key" htmlFor="provider-key" hint="Stored encrypted on the server; only its last four characters are shown again.">
          <Input id="provider-key" type="password" autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} data-testid="provider-key-input" />
        </Field>
        {error ? <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-700" role="alert" data-testid="add-provider-error">{error}</p> : null}
      </form>
    </Dialog>
  );
}
