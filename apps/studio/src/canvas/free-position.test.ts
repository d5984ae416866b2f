import { describe, expect, it } from 'vitest';
import { freePositionNear, type Box } from './free-position.ts';

const size = { width: 240, height: 90 };
const card = (x: number, y: number): Box => ({ x, y, ...size });

describe('freePositionNear', () => {
  it('places right of the selected node when that spot is free', () => {
    expect(freePositionNear(card(0, 0), [card(0, 0)], size, { x: 0, y: 0 })).toEqual({ x: 320, y: 0 });
  });

  it('goes below, then above, the spot when something sits there', () => {
    const occupied = [card(0, 0), card(320, 0)];
    expect(freePositionNear(card(0, 0), occupied, size, { x: 0, y: 0 })).toEqual({ x: 320, y: 130 });
    expect(freePositionNear(card(0, 0), [...occupied, card(320, 130)], size, { x: 0, y: 0 })).toEqual({ x: 320, y: -130 });
  });

  it('never lands on another node, however crowded the column', () => {
    const occupied = [card(0, 0), ...Array.from({ length: 30 }, (_, index) => card(320, (index - 15) * 130))];
    const position = freePositionNear(card(0, 0), occupied, size, { x: 0, y: 0 });
    expect(occupied.some((box) => Math.abs(box.x - position.x) < size.width && Math.abs(box.y - position.y) < size.height)).toBe(false);
  });

  it('starts at the fallback without a selection', () => {
    expect(freePositionNear(undefined, [], size, { x: 50, y: 60 })).toEqual({ x: 50, y: 60 });
  });
});
