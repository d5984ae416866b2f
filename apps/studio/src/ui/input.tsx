import { forwardRef, type InputHTMLAttributes } from 'react';
import { cn } from './cn.ts';

export const inputClassName =
  'w-full rounded-md border border-zinc-200 bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-100 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500 aria-invalid:border-red-400 aria-invalid:ring-red-100';

/** A single-line text input. */
export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...props },
  ref,
) {
  return <input ref={ref} className={cn(inputClassName, 'h-8', className)} {...props} />;
});
