import { useCallback, useState } from 'react';

/** Runs an async action, keeping whether it is under way and the message of its last failure. */
export function useAsyncAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** Resolves true when the action succeeded. */
  const run = useCallback(async (action: () => Promise<unknown> | unknown): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
