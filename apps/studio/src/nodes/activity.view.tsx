import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { functionsQuery } from '../api/providers.ts';
import type { FieldProps } from '../inspector/fields/field-props.ts';
import { fieldDomId, problemsAt, useFormContext } from '../inspector/form-context.ts';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import type { NodeView } from './node-view.ts';

/** The name of a server function, suggested from `GET /api/functions`, still free text. */
function FunctionNameField({ value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const listId = useId();
  const functions = useQuery(functionsQuery());
  const name = typeof value === 'string' ? value : '';
  const known = functions.data?.find((entry) => entry.name === name);
  const hint = known?.description ?? (functions.data?.length ? `Registered: ${functions.data.map((entry) => entry.name).join(', ')}` : undefined);
  return (
    <Field label={label} htmlFor={fieldDomId(context.nodeId, path)} required={required} hint={hint} error={problemsAt(context, path)[0]}>
      <Input
        id={fieldDomId(context.nodeId, path)}
        list={listId}
        className="font-mono text-[12.5px]"
        value={name}
        onChange={(event) => onChange(event.target.value === '' && !required ? undefined : event.target.value)}
        data-testid={`field-${path.join('.')}`}
      />
      <datalist id={listId}>
        {functions.data?.map((entry) => (
          <option key={entry.name} value={entry.name}>
            {entry.description}
          </option>
        ))}
      </datalist>
    </Field>
  );
}

export const activityNodeView: NodeView = { fields: { name: FunctionNameField } };
