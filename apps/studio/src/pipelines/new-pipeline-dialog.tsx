import { useState } from 'react';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';

export interface NewPipelineDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  initialName?: string;
  submitLabel: string;
  onSubmit: (values: { name: string; description: string }) => Promise<void>;
}

/** Asks for a name (and description) before creating a pipeline. */
export function NewPipelineDialog({ open, onOpenChange, title, initialName = '', submitLabel, onSubmit }: NewPipelineDialogProps) {
  const [name, setName] = useState(initialName);
  const [description, setDescription] = useState('');
  const { busy, error, setError, run } = useAsyncAction();

  const submit = async () => {
    if (!name.trim()) {
      setError('Give the pipeline a name');
      return;
    }
    await run(() => onSubmit({ name: name.trim(), description: description.trim() }));
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      data-testid="new-pipeline-dialog"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="primary" onClick={submit} disabled={busy} data-testid="create-pipeline-submit">
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Name" htmlFor="new-pipeline-name" required error={error}>
          <Input id="new-pipeline-name" autoFocus value={name} onChange={(event) => setName(event.target.value)} data-testid="new-pipeline-name" />
        </Field>
        <Field label="Description" htmlFor="new-pipeline-description">
          <Textarea id="new-pipeline-description" value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
        </Field>
        <button type="submit" className="hidden" />
      </form>
    </Dialog>
  );
}
