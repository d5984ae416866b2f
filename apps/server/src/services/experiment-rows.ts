import type { ResultRow, ResultRowsPage, RowCellTrial, RowFilter, TrialResult } from '@tandem/shared';

export type { ResultRow, ResultRowsPage, RowCellTrial, RowFilter };
import type { ExperimentRecord, ExperimentStore } from '@tandem/db';
import type { ExperimentResults } from './experiment-results.ts';

const meanOf = (values: number[]) => (values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * The side-by-side table, paged on the server: which rows pass the filter is decided from every
 * trial's metrics (small), and only the page's rows load their inputs and outputs.
 */
export function createExperimentRows(deps: { store: ExperimentStore; results: ExperimentResults }) {
  const { store } = deps;

  return {
    async page(record: ExperimentRecord, options: { offset: number; limit: number; filter: RowFilter; metric?: string }): Promise<ResultRowsPage> {
      const trials = await deps.results.results(record);
      const analysis = await deps.results.analysis(record);
      const metric = options.metric ?? analysis.primaryMetric;
      const higherIsBetter = analysis.metrics.find((description) => description.name === metric)?.direction !== 'lower';
      const byRow = new Map<number, TrialResult[]>();
      for (const trial of trials) byRow.set(trial.row, [...(byRow.get(trial.row) ?? []), trial]);

      const verdicts = new Map<number, { disagree: boolean; regressed: string[] }>();
      for (const [row, list] of byRow) {
        const means = new Map<string, number>();
        for (const arm of record.arms) {
          const values = list.filter((trial) => trial.arm === arm.id && trial.status === 'completed' && metric && typeof trial.metrics[metric] !== 'undefined').map((trial) => Number(trial.metrics[metric!]));
          const mean = meanOf(values);
          if (mean !== undefined) means.set(arm.id, mean);
        }
        const distinct = new Set(means.values());
        const baseline = means.get(record.baseline);
        const regressed = baseline === undefined ? [] : [...means].filter(([arm, value]) => arm !== record.baseline && (higherIsBetter ? value < baseline : value > baseline)).map(([arm]) => arm);
        const statuses = new Set(list.map((trial) => trial.status));
        verdicts.set(row, { disagree: distinct.size > 1 || (statuses.has('completed') && statuses.has('failed')), regressed });
      }
      const rows = [...byRow.keys()].sort((a, b) => a - b).filter((row) => options.filter === 'all' || (options.filter === 'disagree' ? verdicts.get(row)!.disagree : verdicts.get(row)!.regressed.length > 0));
      const pageRows = rows.slice(options.offset, options.offset + options.limit);

      const data = new Map((await store.datasets.rowsAt(record.datasetId, record.datasetVersion, pageRows)).map((row) => [row.index, row.data]));
      const runIds = pageRows.flatMap((row) => byRow.get(row)!.flatMap((trial) => (trial.runId ? [trial.runId] : [])));
      const runs = new Map(await Promise.all(runIds.map(async (runId) => [runId, await store.reads.run(runId)] as const)));
      const page = pageRows.map((row): ResultRow => {
        const cells: Record<string, RowCellTrial[]> = Object.fromEntries(record.arms.map((arm) => [arm.id, []]));
        let inputs: Record<string, unknown> = {};
        for (const trial of byRow.get(row)!) {
          const run = trial.runId ? runs.get(trial.runId) : undefined;
          if (run && Object.keys(inputs).length === 0) inputs = run.inputs;
          const cell: RowCellTrial = { repeat: trial.repeat, runId: trial.runId, status: trial.status, metrics: trial.metrics };
          const firstOutput = run ? Object.values(run.outputs)[0] : undefined;
          if (firstOutput !== undefined) cell.output = typeof firstOutput === 'string' ? firstOutput : JSON.stringify(firstOutput, null, 2);
          if (run?.error) cell.error = { code: run.error.code, message: run.error.message };
          cells[trial.arm]?.push(cell);
        }
        const rowData = data.get(row) ?? {};
        if (Object.keys(inputs).length === 0) inputs = Object.fromEntries(Object.entries(record.mapping.inputs).map(([input, column]) => [input, rowData[column]]));
        const result: ResultRow = { row, inputs, cells, ...verdicts.get(row)! };
        if (record.mapping.expected !== undefined) result.expected = rowData[record.mapping.expected];
        return result;
      });
      return { total: rows.length, offset: options.offset, limit: options.limit, filter: options.filter, metric: metric ?? null, rows: page };
    },
  };
}

export type ExperimentRows = ReturnType<typeof createExperimentRows>;
