import { Field } from '../../ui/field.tsx';
import { Select } from '../../ui/select.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import { initialValueOf, type TaggedUnion } from '../json-schema.ts';
import { ObjectProperties } from './object-field.tsx';
import type { FieldProps } from './field-props.ts';

/** A tagged union (e.g. a validator check): pick the variant, then fill its fields. */
export function UnionField({ union, value, onChange, path, label, required, schema }: FieldProps & { union: TaggedUnion }) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, [...path, union.tag]);
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const current = union.variants.find((variant) => variant.value === record?.[union.tag]);
  const options = [...(required ? [] : [{ value: '', label: 'None' }]), ...union.variants.map((variant) => ({ value: variant.value, label: variant.value }))];
  return (
    <div className="space-y-3">
      <Field label={label} htmlFor={id} required={required} hint={schema.description} error={problemsAt(context, path)[0]}>
        <Select
          id={id}
          value={current?.value ?? (required ? undefined : '')}
          options={options}
          placeholder="Choose…"
          data-testid={`field-${[...path, union.tag].join('.')}`}
          onValueChange={(next) => {
            const variant = union.variants.find((entry) => entry.value === next);
            onChange(variant ? { ...(initialValueOf({ ...variant.schema, default: undefined }) as object), [union.tag]: variant.value } : undefined);
          }}
        />
      </Field>
      {current ? (
        <div className="border-l-2 border-zinc-100 pl-3">
          <ObjectProperties schema={current.schema} value={value} onChange={onChange} path={path} skip={[union.tag]} />
        </div>
      ) : null}
    </div>
  );
}
