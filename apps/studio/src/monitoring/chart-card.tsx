import type { ReactNode } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { referenceColor, seriesColor } from '../ui/chart-palette.ts';
import type { SeriesPoint } from './monitoring-series.ts';

/** A group's colour, as the experiment dashboard colours its arms ("other" reads as the remainder). */
const groupColor = (group: string, index: number) => (group === 'other' ? referenceColor : seriesColor(index));

const timeLabel = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** A titled card holding one chart. */
export function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardBody className="h-56 px-2 py-3">{children}</CardBody>
    </Card>
  );
}

/** A time series per group: stacked areas for counts, lines for averages and rates. */
export function TimeSeriesChart({ points, groups, kind, format }: { points: SeriesPoint[]; groups: string[]; kind: 'stacked' | 'lines'; format: (value: number) => string }) {
  const axes = (
    <>
      <CartesianGrid stroke="#f4f4f5" vertical={false} />
      <XAxis dataKey="at" tickFormatter={timeLabel} tick={{ fontSize: 11, fill: '#71717a' }} minTickGap={40} stroke="#e4e4e7" />
      <YAxis tickFormatter={format} tick={{ fontSize: 11, fill: '#71717a' }} width={56} stroke="#e4e4e7" domain={[0, (max: number) => (max > 0 ? max : 1)]} />
      <Tooltip labelFormatter={(at) => timeLabel(Number(at))} formatter={(value) => format(Number(value))} contentStyle={{ fontSize: 12 }} />
      <Legend wrapperStyle={{ fontSize: 11 }} iconSize={8} />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === 'stacked' ? (
        <AreaChart data={points}>
          {axes}
          {groups.map((group, index) => (
            <Area key={group} type="monotone" dataKey={group} stackId="all" stroke={groupColor(group, index)} fill={groupColor(group, index)} fillOpacity={0.25} isAnimationActive={false} />
          ))}
        </AreaChart>
      ) : (
        <LineChart data={points}>
          {axes}
          {groups.map((group, index) => (
            <Line key={group} type="monotone" dataKey={group} stroke={groupColor(group, index)} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}

/** The latency histogram: requests per latency band. */
export function HistogramChart({ bins }: { bins: { upToMs: number | null; count: number }[] }) {
  const data = bins.map((bin, index) => ({
    band: bin.upToMs === null ? `> ${formatMs(bins[index - 1]?.upToMs ?? 0)}` : `≤ ${formatMs(bin.upToMs)}`,
    count: bin.count,
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data}>
        <CartesianGrid stroke="#f4f4f5" vertical={false} />
        {/* Every band is labelled by its upper bound ("≤" is in the tooltip): all ten fit at 1024 px. */}
        <XAxis dataKey="band" tickFormatter={(band: string) => band.replace('≤ ', '')} interval={0} tick={{ fontSize: 10, fill: '#71717a' }} stroke="#e4e4e7" />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#71717a' }} width={40} stroke="#e4e4e7" />
        <Tooltip contentStyle={{ fontSize: 12 }} />
        <Bar dataKey="count" name="requests" fill={seriesColor(0)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** "850 ms", "2.5 s". */
export function formatMs(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${+(milliseconds / 1000).toFixed(1)} s`;
}
