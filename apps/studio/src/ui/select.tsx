import type { ReactNode } from 'react';
import { Select as RadixSelect } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import { cn } from './cn.ts';

export interface SelectOption {
  value: string;
  label: ReactNode;
}

export interface SelectProps {
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  placeholder?: string;
  className?: string;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Radix sentinel: Radix Select items may not use the empty string as a value. */
const emptyValue = '__empty__';

/** A styled dropdown select (Radix). The empty string is a valid option value. */
export function Select({ value, onValueChange, options, placeholder, className, disabled, id, ...rest }: SelectProps) {
  const toRadix = (text: string) => (text === '' ? emptyValue : text);
  return (
    <RadixSelect.Root
      value={value === undefined ? undefined : toRadix(value)}
      onValueChange={(next) => onValueChange(next === emptyValue ? '' : next)}
      disabled={disabled}
    >
      <RadixSelect.Trigger
        id={id}
        aria-label={rest['aria-label']}
        data-testid={rest['data-testid']}
        className={cn(
          'inline-flex h-8 w-full cursor-pointer items-center justify-between gap-2 rounded-md border border-zinc-200 bg-white px-2.5 text-left text-sm shadow-xs focus:border-accent-500 focus:ring-2 focus:ring-accent-100 focus:outline-none disabled:cursor-not-allowed disabled:bg-zinc-50 data-[placeholder]:text-zinc-400',
          className,
        )}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon>
          <ChevronDown className="size-4 text-zinc-400" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-zinc-200 bg-white shadow-lg"
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={toRadix(option.value)}
                className="relative flex cursor-pointer items-center rounded py-1.5 pr-2 pl-7 text-sm outline-none select-none data-[highlighted]:bg-zinc-100"
              >
                <RadixSelect.ItemIndicator className="absolute left-2">
                  <Check className="size-3.5" />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
