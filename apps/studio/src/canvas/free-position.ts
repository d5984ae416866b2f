import type { XYPosition } from '../stores/document-edits.ts';

/** A box on the canvas, in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const gap = 40;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * Where a new node of `size` goes: right of `anchor` (the selected node) when that spot is free,
 * else the nearest free spot below or above it, else in the next column to the right. Without an
 * anchor, the search starts at `fallback` (the middle of the view).
 */
export function freePositionNear(anchor: Box | undefined, occupied: readonly Box[], size: { width: number; height: number }, fallback: XYPosition): XYPosition {
  const start = anchor ? { x: anchor.x + anchor.width + gap * 2, y: anchor.y } : fallback;
  const rowStep = size.height + gap;
  for (let column = 0; column < 20; column++) {
    const x = start.x + column * (size.width + gap * 2);
    for (let row = 0; row < 12; row++) {
      // 0, +1, −1, +2, −2…: the nearest rows first, below before above.
      const offset = row === 0 ? 0 : (row % 2 === 1 ? 1 : -1) * Math.ceil(row / 2);
      const candidate = { x, y: start.y + offset * rowStep, ...size };
      if (!occupied.some((box) => overlaps(candidate, box))) return { x: Math.round(candidate.x), y: Math.round(candidate.y) };
    }
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}
