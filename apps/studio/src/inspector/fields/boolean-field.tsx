import { Field } from '../../ui/field.tsx';
import { Switch } from '../../ui/switch.tsx';
import { fieldDomId, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

/** A boolean as a switch; an unset value shows the schema default. */
export function BooleanField({ schema, value, onChange, path, label }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const checked = typeof value === 'boolean' ? value : schema.default === true;
  return (
    <Field label={label} htmlFor={id} hint={schema.description} inline>
      <Switch id={id} checked={checked} onCheckedChange={onChange} data-testid={`field-${path.join('.')}`} />
    </Field>
  );
}
