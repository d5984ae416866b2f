import { Plus, Trash2 } from 'lucide-react';
import { Button } from '../../ui/button.tsx';
import { Switch } from '../../ui/switch.tsx';
import { problemsAt, useFormContext } from '../form-context.ts';
import { initialValueOf, typeOf, withoutNull } from '../json-schema.ts';
import { SchemaField } from '../schema-field.tsx';
import type { FieldProps } from './field-props.ts';

function singular(label: string): string {
  return label.replace(/s$/, '').toLowerCase();
}

/** A list of values of an enum, as toggles (e.g. mixins). */
function EnumSetField({ values, value, onChange, label, description }: { values: string[]; value: unknown; onChange: (value: unknown) => void; label: string; description?: string }) {
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  return (
    <div className="space-y-1.5">
      <p className="text-xs font-medium text-zinc-700">{label}</p>
      {description ? <p className="text-xs text-zinc-500">{description}</p> : null}
      {values.map((entry) => (
        <label key={entry} className="flex items-center justify-between gap-3 text-[13px] text-zinc-700">
          {entry}
          <Switch
            checked={chosen.includes(entry)}
            onCheckedChange={(checked) => {
              const next = checked ? [...chosen, entry] : chosen.filter((item) => item !== entry);
              onChange(next.length > 0 ? next : undefined);
            }}
          />
        </label>
      ))}
    </div>
  );
}

/** A repeatable list: groups for objects, one row per item for simple values. */
export function ArrayField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const itemSchema = withoutNull(schema.items ?? {});
  if (itemSchema.enum && typeOf(itemSchema) === 'string') {
    return <EnumSetField values={itemSchema.enum.map(String)} value={value} onChange={onChange} label={label} {...(schema.description ? { description: schema.description } : {})} />;
  }
  const items = Array.isArray(value) ? value : [];
  const isGroup = typeOf(itemSchema) === 'object' || Boolean(itemSchema.anyOf ?? itemSchema.oneOf);
  const setItems = (next: unknown[]) => onChange(next.length === 0 && !required ? undefined : next);
  const problems = problemsAt(context, path);
  return (
    <div className="space-y-2" data-testid={`array-${path.join('.')}`}>
      <div className="flex items-center justify-between">
        <p className="flex items-center gap-1 text-xs font-medium text-zinc-700">
          {label}
          {required ? <span className="text-red-500">*</span> : null}
          <span className="font-normal text-zinc-400">({items.length})</span>
        </p>
        <Button size="sm" variant="ghost" onClick={() => setItems([...items, initialValueOf(itemSchema)])} data-testid={`add-item-${path.join('.')}`}>
          <Plus />
          Add {singular(label)}
        </Button>
      </div>
      {schema.description ? <p className="text-xs text-zinc-500">{schema.description}</p> : null}
      {problems[0] ? <p className="text-xs text-red-600">{problems[0]}</p> : null}
      {items.map((item, index) => {
        const remove = () => setItems(items.filter((_, position) => position !== index));
        const update = (next: unknown) => setItems(items.map((entry, position) => (position === index ? next : entry)));
        const itemPath = [...path, String(index)];
        if (!isGroup) {
          return (
            <div key={index} className="flex items-end gap-1">
              <div className="min-w-0 flex-1">
                <SchemaField schema={itemSchema} value={item} onChange={update} path={itemPath} label={`${singular(label)} ${index + 1}`} required />
              </div>
              <Button size="icon" variant="ghost" onClick={remove} aria-label={`Remove ${singular(label)} ${index + 1}`}>
                <Trash2 />
              </Button>
            </div>
          );
        }
        return (
          <div key={index} className="space-y-3 rounded-md border border-zinc-200 bg-zinc-50/50 p-3" data-testid="array-item">
            <div className="flex items-center justify-between">
              <span className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
                {singular(label)} {index + 1}
              </span>
              <Button size="icon-sm" variant="danger-ghost" onClick={remove} aria-label={`Remove ${singular(label)} ${index + 1}`}>
                <Trash2 />
              </Button>
            </div>
            <SchemaField schema={itemSchema} value={item} onChange={update} path={itemPath} label="Type" required />
          </div>
        );
      })}
    </div>
  );
}
