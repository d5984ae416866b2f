/** A row of small labelled figures (tokens, latency, cost). */
export function StatGrid({ stats }: { stats: readonly (readonly [label: string, value: string])[] }) {
  return (
    <dl className="grid grid-cols-4 gap-2 text-[11px]">
      {stats.map(([label, value]) => (
        <div key={label} className="rounded bg-zinc-50 px-2 py-1">
          <dt className="text-zinc-500">{label}</dt>
          <dd className="font-medium text-zinc-800 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
