import { useEffect, useRef, useState } from 'react';
import { Field } from '../../ui/field.tsx';
import { Textarea } from '../../ui/textarea.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

function stringify(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** Any JSON value as text; parse errors are shown and the last valid value is kept. */
export function JsonField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const [text, setText] = useState(() => stringify(value));
  const [parseError, setParseError] = useState<string>();
  const lastSent = useRef<unknown>(value);

  // Follow changes that did not come from this textarea (another version, an import).
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(stringify(value));
      setParseError(undefined);
    }
  }, [value]);

  const update = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setParseError(undefined);
      lastSent.current = undefined;
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      setParseError(undefined);
      lastSent.current = parsed;
      onChange(parsed);
    } catch (error) {
      setParseError(`Not valid JSON: ${(error as Error).message}`);
    }
  };

  return (
    <Field label={label} htmlFor={id} required={required} hint={schema.description ?? 'JSON'} error={parseError ?? problemsAt(context, path, true)[0]}>
      <Textarea
        id={id}
        mono
        rows={Math.min(Math.max(text.split('\n').length, 3), 14)}
        value={text}
        aria-invalid={parseError ? true : undefined}
        onChange={(event) => update(event.target.value)}
        data-testid={`field-${path.join('.')}`}
      />
    </Field>
  );
}
