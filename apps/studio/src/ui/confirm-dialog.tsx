import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';
import { useAsyncAction } from './use-async-action.ts';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  danger?: boolean;
}

/** Asks before doing something that cannot be undone. Shows the error if the action fails. */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, onConfirm, danger = false }: ConfirmDialogProps) {
  const { busy, error, run } = useAsyncAction();
  const confirm = async () => {
    if (await run(onConfirm)) onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      data-testid="confirm-dialog"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant={danger ? 'danger' : 'primary'} disabled={busy} onClick={confirm} data-testid="confirm-button">
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-zinc-600">{description}</div>
      {error ? <p className="mt-3 text-red-600">{error}</p> : null}
    </Dialog>
  );
}
