import { Plus, X } from 'lucide-react';
import { Button } from '../../ui/button.tsx';
import { problemsAt, useFormContext } from '../form-context.ts';
import { humanize, initialValueOf, type SchemaNode } from '../json-schema.ts';
import { SchemaField } from '../schema-field.tsx';
import type { FieldProps } from './field-props.ts';

/** The fields of an object schema, without a frame (the node config, a union variant). */
export function ObjectProperties({ schema, value, onChange, path, skip = [] }: { schema: SchemaNode; value: unknown; onChange: (value: unknown) => void; path: readonly string[]; skip?: readonly string[] }) {
  const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const setProperty = (key: string, next: unknown) => {
    const copy = { ...record };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };
  return (
    <div className="space-y-4">
      {Object.entries(schema.properties ?? {})
        .filter(([key]) => !skip.includes(key))
        .map(([key, property]) => (
          <SchemaField
            key={key}
            schema={property}
            value={record[key]}
            onChange={(next) => setProperty(key, next)}
            path={[...path, key]}
            label={property.title ?? humanize(key)}
            required={schema.required?.includes(key) ?? false}
          />
        ))}
    </div>
  );
}

/** A nested object as a fieldset. An optional object that is not set shows an "Add" button instead. */
export function ObjectField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const problems = problemsAt(context, path);
  if (value === undefined && !required) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-md border border-dashed border-zinc-200 px-3 py-2">
        <span className="text-xs font-medium text-zinc-600">{label}</span>
        <Button size="sm" variant="ghost" onClick={() => onChange(initialValueOf({ ...schema, default: undefined, type: 'object' }))} data-testid={`add-${path.join('.')}`}>
          <Plus />
          Add
        </Button>
      </div>
    );
  }
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 px-3 pt-1 pb-3">
      <legend className="flex items-center gap-1 px-1 text-xs font-medium text-zinc-700">
        {label}
        {!required ? (
          <button type="button" aria-label={`Remove ${label}`} onClick={() => onChange(undefined)} className="cursor-pointer rounded p-0.5 text-zinc-400 hover:text-zinc-700">
            <X className="size-3" />
          </button>
        ) : null}
      </legend>
      {schema.description ? <p className="text-xs text-zinc-500">{schema.description}</p> : null}
      {problems[0] ? <p className="text-xs text-red-600">{problems[0]}</p> : null}
      <ObjectProperties schema={schema} value={value} onChange={onChange} path={path} />
    </fieldset>
  );
}
