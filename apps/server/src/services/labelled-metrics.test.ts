import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { labelledCounter, labelledHistogram } from './labelled-metrics.ts';

const buckets = [0.005, 0.01, 0.1, 1, 10];
const observations: [model: string, source: string, seconds: number][] = [
  ['sim:instant', 'v1', 0.0004],
  ['sim:instant', 'v1', 0.007],
  ['sim:writer', 'run', 0.5],
  ['sim:instant', 'v1', 0.01],
  ['pool:"quoted"\\name', 'v1', 42],
  ['sim:writer', 'run', 3],
];

describe('labelled metrics', () => {
  it('export the same Prometheus text as prom-client given the same observations', async () => {
    const reference = new Registry();
    const referenceHistogram = new Histogram({ name: 'test_duration_seconds', help: 'Durations.', labelNames: ['model', 'source'], buckets, registers: [reference] });
    const referenceCounter = new Counter({ name: 'test_tokens_total', help: 'Tokens.', labelNames: ['model', 'direction', 'source'], registers: [reference] });
    const registry = new Registry();
    const histogram = labelledHistogram(registry, { name: 'test_duration_seconds', help: 'Durations.', labelNames: ['model', 'source'], buckets });
    const counter = labelledCounter(registry, { name: 'test_tokens_total', help: 'Tokens.', labelNames: ['model', 'direction', 'source'] });
    for (const [model, source, seconds] of observations) {
      referenceHistogram.observe({ model, source }, seconds);
      histogram.observe([model, source], seconds);
      referenceCounter.inc({ model, direction: 'output', source }, Math.round(seconds * 100) + 1);
      counter.inc([model, 'output', source], Math.round(seconds * 100) + 1);
    }
    const text = await registry.metrics();
    expect(text).toBe(await reference.metrics());
    expect(text).toContain('test_duration_seconds_bucket{le="0.01",model="sim:instant",source="v1"} 3');
    expect(text).toContain('test_tokens_total{model="sim:writer",direction="output",source="run"} 352');
    // The JSON form too, exemplars apart (prom-client's histograms carry an empty slot for one).
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
      metrics.map((metric) => ({ ...metric, values: metric.values.map((sample) => ({ labels: sample.labels, value: sample.value, metricName: (sample as { metricName?: string }).metricName })) }));
    expect(withoutExemplars(await registry.getMetricsAsJSON())).toEqual(withoutExemplars(await reference.getMetricsAsJSON()));
  });

  it('count on a series found once, leave out series never counted on, and reset to nothing', async () => {
    const registry = new Registry();
    const counter = labelledCounter(registry, { name: 'test_requests_total', help: 'Requests.', labelNames: ['status'] });
    const histogram = labelledHistogram(registry, { name: 'test_latency_seconds', help: 'Latency.', labelNames: ['status'], buckets: [1] });
    const ok = counter.series(['200']);
    counter.series(['500']);
    histogram.series(['500']);
    ok.value += 2;
    histogram.series(['200']).observe(0.5);
    histogram.observe(['200'], Number.NaN);
    const text = await registry.metrics();
    expect(text).toContain('test_requests_total{status="200"} 2');
    expect(text).not.toContain('status="500"');
    expect(text).toContain('test_latency_seconds_count{status="200"} 1');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('status="200"');
    ok.value += 1;
    expect(await registry.metrics()).toContain('test_requests_total{status="200"} 1');
  });
});
