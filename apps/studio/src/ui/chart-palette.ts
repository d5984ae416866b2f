/** The colours of the studio's chart series, in order: experiment arms, monitoring groups. */
export const seriesPalette: readonly string[] = ['#5b5bd6', '#0d9488', '#d97706', '#db2777', '#2563eb', '#65a30d', '#9333ea', '#dc2626'];

/** The colour of a series read as the reference or the remainder: an experiment's baseline, monitoring's "other". */
export const referenceColor = '#64748b';

/** The colour of the series at `index` of a chart. */
export function seriesColor(index: number): string {
  return seriesPalette[index % seriesPalette.length]!;
}
