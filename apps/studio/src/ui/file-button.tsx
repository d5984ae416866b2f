import { useRef, type ReactNode } from 'react';
import { Button, type ButtonProps } from './button.tsx';

export interface FileButtonProps extends Omit<ButtonProps, 'onClick' | 'onChange'> {
  accept?: string;
  onFile: (file: File) => void;
  children: ReactNode;
  'data-testid'?: string;
}

/** A button that opens a file picker and hands over the chosen file. */
export function FileButton({ accept, onFile, children, ...buttonProps }: FileButtonProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const testId = buttonProps['data-testid'];
  return (
    <>
      <Button {...buttonProps} onClick={() => inputRef.current?.click()}>
        {children}
      </Button>
      <input
        ref={inputRef}
        type="file"
        accept={accept}
        className="hidden"
        data-testid={testId ? `${testId}-input` : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

/** Reads a file as JSON; throws a readable error when it is not JSON. */
export async function readJsonFile(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${(error as Error).message}`);
  }
}
