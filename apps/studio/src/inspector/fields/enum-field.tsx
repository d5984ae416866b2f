import { Field } from '../../ui/field.tsx';
import { Select } from '../../ui/select.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

/** One of a fixed list of values. Optional fields can go back to "default". */
export function EnumField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const values = (schema.enum ?? []).map(String);
  const defaultLabel = schema.default !== undefined ? `Default (${String(schema.default)})` : 'Not set';
  const options = [...(required ? [] : [{ value: '', label: defaultLabel }]), ...values.map((entry) => ({ value: entry, label: entry }))];
  return (
    <Field label={label} htmlFor={id} required={required} hint={schema.description} error={problemsAt(context, path)[0]}>
      <Select
        id={id}
        value={value === undefined ? (required ? undefined : '') : String(value)}
        onValueChange={(next) => onChange(next === '' ? undefined : next)}
        options={options}
        placeholder="Choose…"
        data-testid={`field-${path.join('.')}`}
      />
    </Field>
  );
}
