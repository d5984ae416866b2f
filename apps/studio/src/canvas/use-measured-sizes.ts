import { useCallback, useState } from 'react';

export type MeasuredSizes = ReadonlyMap<string, { width: number; height: number }>;

/** Keeps the node sizes React Flow measures (they are view state, not document state). */
export function useMeasuredSizes() {
  const [measured, setMeasured] = useState<MeasuredSizes>(() => new Map());
  const applyDimensions = useCallback((dimensions: readonly { id: string; width: number; height: number }[]) => {
    if (dimensions.length === 0) return;
    setMeasured((current) => {
      const next = new Map(current);
      for (const { id, width, height } of dimensions) next.set(id, { width, height });
      return next;
    });
  }, []);
  return [measured, applyDimensions] as const;
}
