import { useRef } from 'react';
import { Braces } from 'lucide-react';
import { Field } from '../../ui/field.tsx';
import { Textarea } from '../../ui/textarea.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

/** A template or code field: monospace, with `{{reference}}` chips for upstream outputs (templates only). */
export function TemplateField({ schema, value, onChange, path, label, required, code = false }: FieldProps & { code?: boolean }) {
  const context = useFormContext();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const id = fieldDomId(context.nodeId, path);
  const text = typeof value === 'string' ? value : '';
  const update = (next: string) => onChange(next === '' && !required ? undefined : next);

  const insert = (reference: string) => {
    const element = textareaRef.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    update(text.slice(0, start) + reference + text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + reference.length, start + reference.length);
    });
  };

  const references = code ? [] : context.references;
  const hint = code || references.length > 0 ? schema.description : (schema.description ?? 'Use {{node.field}} to insert an upstream output, e.g. {{input.prompt}}');
  return (
    <Field label={label} htmlFor={id} required={required} hint={hint} error={problemsAt(context, path)[0]}>
      <Textarea
        ref={textareaRef}
        id={id}
        mono
        rows={code ? 6 : 4}
        value={text}
        onChange={(event) => update(event.target.value)}
        data-testid={`field-${path.join('.')}`}
        aria-invalid={problemsAt(context, path).length > 0 || undefined}
      />
      {references.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1">
          <Braces className="size-3 text-zinc-400" aria-hidden />
          {references.slice(0, 8).map((reference) => (
            <button
              key={reference}
              type="button"
              onClick={() => insert(reference)}
              className="cursor-pointer rounded border border-zinc-200 bg-zinc-50 px-1.5 py-px font-mono text-[10.5px] text-zinc-600 hover:border-accent-200 hover:bg-accent-50 hover:text-accent-700"
            >
              {reference}
            </button>
          ))}
        </div>
      ) : null}
    </Field>
  );
}
