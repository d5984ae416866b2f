import type { Registry } from 'prom-client';

/** One exported sample in prom-client's shape: the registry formats it as Prometheus text. */
interface Sample {
  labels: Record<string, string | number>;
  /** Labels written after `labels` (a histogram's series labels follow its `le`, as prom-client writes them). */
  sharedLabels?: Record<string, string>;
  value: number;
  metricName?: string;
}

/** What prom-client's registry reads from a metric when scraped. */
interface ExportedMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: Sample[];
  aggregator: 'sum';
}

// Label values joined by a character no label value of ours carries, as one map key.
const separator = '\u0000';

function labelsOf(names: readonly string[], values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let index = 0; index < names.length; index++) labels[names[index]!] = values[index]!;
  return labels;
}

/**
 * Registers a metric read by `read()` when scraped. prom-client's registry takes any object with a
 * name, `getForPromString()` (the text exposition) and `get()` (JSON, shared labels merged in).
 */
function register(registry: Registry, name: string, read: () => ExportedMetric, reset: () => void) {
  const metric = {
    name,
    getForPromString: async () => read(),
    get: async () => {
      const exported = read();
      return { ...exported, values: exported.values.map(({ sharedLabels, ...sample }) => ({ ...sample, labels: { ...sample.labels, ...sharedLabels } })) };
    },
    reset,
  };
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
}

/**
 * A Prometheus counter with labels kept in a plain map (label values given in `labelNames` order):
 * counting costs a string join and a map update, not prom-client's per-call label checks and hashing.
 * The registry reads it when scraped, in prom-client's own exposition format.
 */
export function labelledCounter(registry: Registry, options: { name: string; help: string; labelNames: readonly string[] }) {
  const counts = new Map<string, { values: readonly string[]; value: number }>();
  register(registry, options.name, () => ({
    name: options.name,
    help: options.help,
    type: 'counter',
    aggregator: 'sum',
    // A series looked up but never counted on is not exported, as prom-client exports only what was counted.
    values: [...counts.values()].filter((entry) => entry.value !== 0).map((entry) => ({ labels: labelsOf(options.labelNames, entry.values), value: entry.value })),
  }), () => {
    for (const entry of counts.values()) entry.value = 0;
  });
  const series = (values: readonly string[]) => {
    const key = values.join(separator);
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { values: [...values], value: 0 }));
    return entry;
  };
  return {
    /** Adds `by` (default 1) to the series of these label values. */
    inc(values: readonly string[], by = 1): void {
      series(values).value += by;
    },
    /** The series of these label values, to count on without looking it up again (`series.value += n`). */
    series,
  };
}

/**
 * A Prometheus histogram with labels kept in a plain map (label values in `labelNames` order): an
 * observation is a bucket search and three additions. Exported as prom-client exports a histogram
 * (cumulative `_bucket` series with `le`, then `+Inf`, `_sum`, `_count`).
 */
export function labelledHistogram(registry: Registry, options: { name: string; help: string; labelNames: readonly string[]; buckets: readonly number[] }) {
  const bounds = [...options.buckets].sort((a, b) => a - b);
  const series = new Map<string, { values: readonly string[]; buckets: Float64Array; sum: number; count: number }>();
  register(registry, options.name, () => {
      const values: Sample[] = [];
      for (const entry of series.values()) {
        if (entry.count === 0) continue;
        const labels = labelsOf(options.labelNames, entry.values);
        let cumulative = 0;
        for (let index = 0; index < bounds.length; index++) {
          cumulative += entry.buckets[index]!;
          values.push({ labels: { le: bounds[index]! }, sharedLabels: labels, value: cumulative, metricName: `${options.name}_bucket` });
        }
        values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: entry.count, metricName: `${options.name}_bucket` });
        values.push({ labels: {}, sharedLabels: labels, value: entry.sum, metricName: `${options.name}_sum` });
        values.push({ labels: {}, sharedLabels: labels, value: entry.count, metricName: `${options.name}_count` });
      }
      return { name: options.name, help: options.help, type: 'histogram', aggregator: 'sum', values };
  }, () => {
    for (const entry of series.values()) {
      entry.buckets.fill(0);
      entry.sum = 0;
      entry.count = 0;
    }
  });
  const seriesOf = (values: readonly string[]) => {
    const key = values.join(separator);
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { values: [...values], buckets: new Float64Array(bounds.length), sum: 0, count: 0 }));
    return {
      /** Counts one observation of `value`. */
      observe(value: number): void {
        if (!Number.isFinite(value)) return;
        entry.sum += value;
        entry.count += 1;
        for (let index = 0; index < bounds.length; index++) {
          if (value <= bounds[index]!) {
            entry.buckets[index]! += 1;
            break;
          }
        }
      },
    };
  };
  return {
    /** Counts one observation of `value` in the series of these label values. */
    observe(values: readonly string[], value: number): void {
      seriesOf(values).observe(value);
    },
    /** The series of these label values, to observe on without looking it up again. */
    series: seriesOf,
  };
}
