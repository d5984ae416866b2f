import { useEffect, useState } from 'react';
import { Field } from '../../ui/field.tsx';
import { Input } from '../../ui/input.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import { typeOf } from '../json-schema.ts';
import type { FieldProps } from './field-props.ts';

/** A number or integer, with the schema's bounds. Keeps half-typed text (e.g. "0.") locally. */
export function NumberField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : typeof value === 'number' ? String(value) : ''));
  }, [value]);
  const integer = typeOf(schema) === 'integer';
  const minimum = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0) : undefined);
  const maximum = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  const bounds = [minimum !== undefined ? `min ${minimum}` : '', maximum !== undefined ? `max ${maximum}` : ''].filter(Boolean).join(', ');
  return (
    <Field label={label} htmlFor={id} required={required} hint={schema.description ?? (bounds || undefined)} error={problemsAt(context, path)[0]}>
      <Input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        step={integer ? 1 : 'any'}
        min={minimum}
        max={maximum}
        placeholder={schema.default !== undefined ? String(schema.default) : undefined}
        value={text}
        data-testid={`field-${path.join('.')}`}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '') onChange(undefined);
          else if (Number.isFinite(event.target.valueAsNumber)) onChange(event.target.valueAsNumber);
        }}
      />
    </Field>
  );
}
