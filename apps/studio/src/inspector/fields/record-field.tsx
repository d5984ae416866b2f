import { useEffect, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '../../ui/button.tsx';
import { Input } from '../../ui/input.tsx';
import { problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

type Row = { key: string; value: string };

function toRows(value: unknown): Row[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([key, entry]) => ({ key, value: typeof entry === 'string' ? entry : JSON.stringify(entry) }));
}

/** A map of string to string (headers, child pipeline inputs) as key/value rows. */
export function RecordField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  useEffect(() => {
    const current = Object.fromEntries(rows.filter((row) => row.key).map((row) => [row.key, row.value]));
    if (JSON.stringify(current) !== JSON.stringify(value ?? {})) setRows(toRows(value));
    // Only follow outside changes of the value, not local edits of the rows.
  }, [value]);
  const commit = (next: Row[]) => {
    setRows(next);
    const record = Object.fromEntries(next.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]));
    onChange(Object.keys(record).length === 0 && !required ? undefined : record);
  };
  const problems = problemsAt(context, path, true);
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <p className="text-xs font-medium text-zinc-700">
          {label}
          {required ? <span className="text-red-500"> *</span> : null}
        </p>
        <Button size="sm" variant="ghost" onClick={() => commit([...rows, { key: '', value: '' }])}>
          <Plus />
          Add entry
        </Button>
      </div>
      {schema.description ? <p className="text-xs text-zinc-500">{schema.description}</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-1">
          <Input aria-label="Key" placeholder="key" className="w-2/5 font-mono text-xs" value={row.key} onChange={(event) => commit(rows.map((entry, position) => (position === index ? { ...entry, key: event.target.value } : entry)))} />
          <Input aria-label="Value" placeholder="value or {{reference}}" className="font-mono text-xs" value={row.value} onChange={(event) => commit(rows.map((entry, position) => (position === index ? { ...entry, value: event.target.value } : entry)))} />
          <Button size="icon" variant="ghost" aria-label="Remove entry" onClick={() => commit(rows.filter((_, position) => position !== index))}>
            <Trash2 />
          </Button>
        </div>
      ))}
      {problems[0] ? <p className="text-xs text-red-600">{problems[0]}</p> : null}
    </div>
  );
}
