import { Field } from '../../ui/field.tsx';
import { Select } from '../../ui/select.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

/** The id of another node in the pipeline (e.g. a validator's target). */
export function NodeField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const current = typeof value === 'string' ? value : undefined;
  const ids = context.nodeIds.filter((nodeId) => nodeId !== context.nodeId);
  const options = [
    ...(required ? [] : [{ value: '', label: 'None' }]),
    ...ids.map((nodeId) => ({ value: nodeId, label: nodeId })),
    ...(current && !ids.includes(current) ? [{ value: current, label: `${current} (missing)` }] : []),
  ];
  return (
    <Field label={label} htmlFor={id} required={required} hint={schema.description} error={problemsAt(context, path)[0]}>
      <Select
        id={id}
        value={current ?? (required ? undefined : '')}
        onValueChange={(next) => onChange(next === '' ? undefined : next)}
        options={options}
        placeholder="Choose a node…"
        data-testid={`field-${path.join('.')}`}
      />
    </Field>
  );
}
