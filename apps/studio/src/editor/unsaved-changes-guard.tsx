import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import type { GraphStore } from '../stores/create-graph-store.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/** Asks before leaving the editor (in the app or the browser) with unsaved changes. */
export function UnsavedChangesGuard({ store }: { store: GraphStore }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => store.getState().dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!store.getState().dirty) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      onOpenChange={(open) => (open ? undefined : blocker.reset?.())}
      title="Leave without saving?"
      description="This pipeline has changes that are not saved yet. They will be lost."
      confirmLabel="Leave"
      danger
      onConfirm={() => blocker.proceed?.()}
    />
  );
}
