import { useMemo } from 'react';
import { diffWords } from 'diff';

/** Words added (green) and removed (red, struck through) between two texts. */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  const changed = parts.filter((part) => part.added || part.removed).length;
  return (
    <div data-testid="word-diff">
      <p className="mb-1 text-[11px] text-zinc-500">{changed === 0 ? 'No changes' : `${changed} change${changed === 1 ? '' : 's'}`}</p>
      <p className="text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700">
        {parts.map((part, index) =>
          part.added ? (
            <ins key={index} className="rounded-sm bg-emerald-100 text-emerald-900 no-underline">
              {part.value}
            </ins>
          ) : part.removed ? (
            <del key={index} className="rounded-sm bg-red-100 text-red-800 decoration-red-400">
              {part.value}
            </del>
          ) : (
            <span key={index}>{part.value}</span>
          ),
        )}
      </p>
    </div>
  );
}
