import type { ReactNode } from 'react';
import { cn } from './cn.ts';

export interface FieldProps {
  label: ReactNode;
  htmlFor?: string;
  required?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Put the control beside the label (switches). */
  inline?: boolean;
}

/** A labelled form control with an optional hint and error. */
export function Field({ label, htmlFor, required, hint, error, children, className, inline = false }: FieldProps) {
  return (
    <div className={cn('space-y-1.5', className)}>
      <div className={cn(inline && 'flex items-center justify-between gap-3')}>
        <label htmlFor={htmlFor} className="flex items-center gap-1 text-xs font-medium text-zinc-700">
          {label}
          {required ? (
            <span className="text-red-500" aria-label="required">
              *
            </span>
          ) : null}
        </label>
        {inline ? children : null}
      </div>
      {inline ? null : children}
      {hint && !error ? <p className="text-xs text-zinc-500">{hint}</p> : null}
      {error ? (
        <p className="text-xs text-red-600" role="alert" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
