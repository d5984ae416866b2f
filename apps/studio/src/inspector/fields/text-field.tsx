import { Field } from '../../ui/field.tsx';
import { Input } from '../../ui/input.tsx';
import { Textarea } from '../../ui/textarea.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

/** A plain string: one line, or several for `text` hints and long values. */
export function TextField({ schema, value, onChange, path, label, required, multiline = false }: FieldProps & { multiline?: boolean }) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const text = typeof value === 'string' ? value : '';
  const update = (next: string) => onChange(next === '' && !required ? undefined : next);
  const placeholder = typeof schema.default === 'string' ? schema.default : undefined;
  return (
    <Field label={label} htmlFor={id} required={required} hint={schema.description} error={problemsAt(context, path)[0]}>
      {multiline || text.length > 60 || text.includes('\n') ? (
        <Textarea id={id} value={text} rows={3} placeholder={placeholder} onChange={(event) => update(event.target.value)} data-testid={`field-${path.join('.')}`} />
      ) : (
        <Input id={id} value={text} placeholder={placeholder} onChange={(event) => update(event.target.value)} data-testid={`field-${path.join('.')}`} />
      )}
    </Field>
  );
}
