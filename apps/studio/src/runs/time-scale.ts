/** A span of time on the timeline, in ms since the epoch. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** A compressed stretch of the axis: a long wait drawn narrow, with its real length written on it. */
export interface AxisBreak {
  start: number;
  end: number;
  /** Where the break sits on the axis, 0–1. */
  from: number;
  to: number;
}

/** Maps times to positions on the axis (0–1), compressing long stretches where nothing but a person was awaited. */
export interface TimeScale {
  at(time: number): number;
  breaks: AxisBreak[];
  /** Times (ms since the run's start) worth labelling: each drawn stretch's start. */
  labels: number[];
}

/** The share of the axis a compressed wait keeps. */
const breakShare = 0.06;

/**
 * A timeline axis from `start` to `end`. Stretches longer than `minGapShare` of the run in which no
 * `busy` span runs (only a person step waits, or nothing happens) are compressed to a narrow break,
 * so a run that waited two hours for an approval still shows its model steps at a readable width.
 * Without such stretches the axis is linear.
 */
export function buildTimeScale(start: number, end: number, busy: readonly TimeSpan[], minGapShare = 0.25): TimeScale {
  const duration = Math.max(end - start, 1);
  const merged: TimeSpan[] = [];
  for (const span of [...busy].filter((entry) => entry.end > entry.start).sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const gaps: TimeSpan[] = [];
  let cursor = start;
  for (const span of [...merged, { start: end, end }]) {
    if (span.start - cursor > duration * minGapShare) gaps.push({ start: cursor, end: span.start });
    cursor = Math.max(cursor, span.end);
  }
  if (gaps.length === 0) return { at: (time) => clamp((time - start) / duration), breaks: [], labels: [0] };

  const gapTotal = gaps.reduce((sum, gap) => sum + gap.end - gap.start, 0);
  const linearShare = 1 - breakShare * gaps.length;
  const perMs = linearShare / Math.max(duration - gapTotal, 1);
  // The axis as pieces: linear stretches between compressed gaps.
  const pieces: { start: number; end: number; from: number; to: number; gap: boolean }[] = [];
  let position = 0;
  cursor = start;
  for (const gap of gaps) {
    if (gap.start > cursor) pieces.push({ start: cursor, end: gap.start, from: position, to: (position += (gap.start - cursor) * perMs), gap: false });
    pieces.push({ start: gap.start, end: gap.end, from: position, to: (position += breakShare), gap: true });
    cursor = gap.end;
  }
  if (end > cursor) pieces.push({ start: cursor, end, from: position, to: (position += (end - cursor) * perMs), gap: false });
  const at = (time: number) => {
    const piece = pieces.find((entry) => time <= entry.end) ?? pieces.at(-1)!;
    const within = piece.end > piece.start ? (Math.min(Math.max(time, piece.start), piece.end) - piece.start) / (piece.end - piece.start) : 0;
    return clamp(piece.from + within * (piece.to - piece.from));
  };
  return {
    at,
    breaks: pieces.filter((piece) => piece.gap).map(({ start: gapStart, end: gapEnd, from, to }) => ({ start: gapStart, end: gapEnd, from, to })),
    labels: pieces.filter((piece) => !piece.gap).map((piece) => piece.start - start),
  };
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}
