import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn.ts';
import { inputClassName } from './input.tsx';

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  /** Monospace text for templates, code and JSON. */
  mono?: boolean;
}

/** A multi-line text input. */
export const Textarea = forwardRef<HTMLTextAreaElement, TextareaProps>(function Textarea(
  { className, mono = false, rows = 3, ...props },
  ref,
) {
  return (
    <textarea
      ref={ref}
      rows={rows}
      spellCheck={mono ? false : undefined}
      className={cn(inputClassName, 'resize-y py-1.5 leading-relaxed', mono && 'font-mono text-[12.5px]', className)}
      {...props}
    />
  );
});
