import { useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { JsonSchema } from '@tandem/shared';
import { Button } from '../ui/button.tsx';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { Switch } from '../ui/switch.tsx';
import { inputNameProblem, readInputFields, writeInputFields, type InputFieldRow, type InputFieldType } from './input-fields.ts';

const typeOptions = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
] as const;

/** Edits the pipeline's input schema as a list of fields (the input node's inspector). */
export function InputSchemaEditor({ schema, onChange }: { schema: JsonSchema; onChange: (schema: JsonSchema) => void }) {
  const [rows, setRows] = useState<InputFieldRow[]>(() => readInputFields(schema));
  const commit = (next: InputFieldRow[]) => {
    setRows(next);
    onChange(writeInputFields(schema, next));
  };
  const update = (index: number, patch: Partial<InputFieldRow>) => commit(rows.map((row, position) => (position === index ? { ...row, ...patch } : row)));

  return (
    <div className="space-y-3" data-testid="input-schema-editor">
      <div className="flex items-center justify-between">
        <div>
          <p className="text-xs font-medium text-zinc-700">Run inputs</p>
          <p className="text-xs text-zinc-500">Templates read them as {'{{input.<name>}}'}.</p>
        </div>
        <Button size="sm" variant="ghost" onClick={() => commit([...rows, { name: '', type: 'string', required: false, description: '', extra: {} }])} data-testid="add-input-field">
          <Plus />
          Add field
        </Button>
      </div>
      {rows.length === 0 ? <p className="rounded-md border border-dashed border-zinc-200 p-3 text-center text-xs text-zinc-500">This pipeline takes no inputs.</p> : null}
      {rows.map((row, index) => {
        const problem = inputNameProblem(rows, index);
        return (
          <div key={index} className="space-y-2 rounded-md border border-zinc-200 bg-zinc-50/50 p-3" data-testid="input-field-row">
            <div className="flex items-center gap-1.5">
              <Input
                aria-label="Field name"
                placeholder="name"
                className="font-mono text-[12.5px]"
                value={row.name}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => update(index, { name: event.target.value })}
                data-testid="input-field-name"
              />
              <div className="w-32 shrink-0">
                <Select aria-label="Field type" value={row.type} options={typeOptions} onValueChange={(type) => update(index, { type: type as InputFieldType })} />
              </div>
              <Button size="icon" variant="ghost" aria-label={`Remove field ${row.name}`} onClick={() => commit(rows.filter((_, position) => position !== index))}>
                <Trash2 />
              </Button>
            </div>
            {problem ? <p className="text-xs text-red-600">{problem}</p> : null}
            <Input aria-label="Description" placeholder="Description (shown in the run form)" value={row.description} onChange={(event) => update(index, { description: event.target.value })} />
            <label className="flex items-center justify-between text-xs text-zinc-600">
              Required
              <Switch checked={row.required} onCheckedChange={(required) => update(index, { required })} aria-label={`${row.name} required`} />
            </label>
          </div>
        );
      })}
    </div>
  );
}
