import { useState } from 'react';
import { Play } from 'lucide-react';
import type { JsonSchema } from '@tandem/shared';
import { ApiError } from '../api/http.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { Switch } from '../ui/switch.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { initialRunTexts, parseRunInputs, runInputFields, type RunInputField } from './run-inputs.ts';

export interface RunDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipelineId: string;
  inputsSchema: JsonSchema;
  /** Shown when the run will save the document first. */
  willSave: boolean;
  /** Starts the form from these inputs (running a run again) instead of the last ones used. */
  initialInputs?: Record<string, unknown>;
  /** The dialog's title; "Run pipeline" by default. */
  title?: string;
  onRun: (inputs: Record<string, unknown>) => Promise<void>;
}

const storageKey = (pipelineId: string) => `tandem.run-inputs.${pipelineId}`;

function readPrevious(pipelineId: string): Record<string, unknown> {
  try {
    return JSON.parse(localStorage.getItem(storageKey(pipelineId)) ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

function InputControl({ field, text, onChange }: { field: RunInputField; text: string; onChange: (text: string) => void }) {
  const id = `run-input-${field.name}`;
  const testId = `run-input-${field.name}`;
  if (field.type === 'boolean') return <Switch id={id} checked={text === 'true'} onCheckedChange={(checked) => onChange(String(checked))} data-testid={testId} />;
  if (field.enumValues) return <Select id={id} value={text || undefined} onValueChange={onChange} options={field.enumValues.map((value) => ({ value, label: value }))} data-testid={testId} />;
  if (field.type === 'number' || field.type === 'integer') return <Input id={id} type="number" value={text} onChange={(event) => onChange(event.target.value)} data-testid={testId} />;
  return <Textarea id={id} mono={field.type === 'json'} rows={field.type === 'json' ? 4 : 3} value={text} onChange={(event) => onChange(event.target.value)} data-testid={testId} />;
}

/** Asks for the run's inputs (from the pipeline's input schema) and starts the run. */
export function RunDialog({ open, onOpenChange, pipelineId, inputsSchema, willSave, onRun, initialInputs, title = 'Run pipeline' }: RunDialogProps) {
  const fields = runInputFields(inputsSchema);
  const [texts, setTexts] = useState(() => initialRunTexts(fields, initialInputs ?? readPrevious(pipelineId)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = parseRunInputs(fields, texts);
    setErrors(parsed.errors);
    setFormError(undefined);
    if (Object.keys(parsed.errors).length > 0) return;
    setBusy(true);
    try {
      localStorage.setItem(storageKey(pipelineId), JSON.stringify(parsed.inputs));
      await onRun(parsed.inputs);
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      const other: string[] = [];
      for (const problem of error instanceof ApiError ? error.problems : []) {
        const name = problem.field?.replace(/^inputs\./, '').split('.')[0];
        if (problem.field?.startsWith('inputs.') && name && fields.some((field) => field.name === name)) fieldErrors[name] = problem.message;
        else other.push(problem.message);
      }
      setErrors(fieldErrors);
      setFormError([(error as Error).message, ...other].join(' · '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={willSave ? 'Your changes will be saved as a new version first.' : undefined}
      data-testid="run-dialog"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="primary" onClick={submit} disabled={busy} data-testid="run-submit">
            <Play />
            {willSave ? 'Save and run' : 'Run'}
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
        {fields.length === 0 ? <p className="text-zinc-500">This pipeline takes no inputs.</p> : null}
        {fields.map((field) => (
          <Field
            key={field.name}
            label={<span className="font-mono">{field.name}</span>}
            htmlFor={`run-input-${field.name}`}
            required={field.required}
            hint={field.description}
            error={errors[field.name]}
            inline={field.type === 'boolean'}
          >
            <InputControl field={field} text={texts[field.name] ?? ''} onChange={(text) => setTexts((current) => ({ ...current, [field.name]: text }))} />
          </Field>
        ))}
        {formError ? (
          <p className="rounded-md border border-red-200 bg-red-50 p-2.5 text-red-800" role="alert" data-testid="run-error">
            {formError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
