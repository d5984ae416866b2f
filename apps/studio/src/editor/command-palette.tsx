import { useMemo, useState } from 'react';
import { Dialog as RadixDialog } from 'radix-ui';
import { CornerDownLeft, Plus, Search } from 'lucide-react';
import { iconOf } from '../nodes/node-icons.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { cn } from '../ui/cn.ts';
import { searchEditor, type SearchResult } from './command-search.ts';
import { useGraph } from './editor-stores.tsx';

export interface CommandPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onJumpToNode: (nodeId: string) => void;
  onAddKind: (kind: string) => void;
}

/** Mod+K: find a node by id, label or kind and jump to it, or add a kind by name. */
export function CommandPalette({ open, onOpenChange, onJumpToNode, onAddKind }: CommandPaletteProps) {
  const nodes = useGraph((state) => state.document.nodes);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchEditor(query, nodes, nodeRegistry.list()), [query, nodes]);

  const choose = (result: SearchResult | undefined) => {
    if (!result) return;
    onOpenChange(false);
    setQuery('');
    if (result.type === 'node') onJumpToNode(result.nodeId);
    else onAddKind(result.kind);
  };

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/20" />
        <RadixDialog.Content
          data-testid="command-palette"
          className="fixed top-[14vh] left-1/2 z-50 w-[min(560px,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-2xl focus:outline-none"
        >
          <RadixDialog.Title className="sr-only">Find a node or add one</RadixDialog.Title>
          <RadixDialog.Description className="sr-only">Type an id, a label or a kind</RadixDialog.Description>
          <div className="flex items-center gap-2 border-b border-zinc-100 px-3">
            <Search className="size-4 text-zinc-400" />
            <input
              autoFocus
              value={query}
              data-native-undo
              placeholder="Find a node by id, label or kind — or add one"
              className="h-11 flex-1 bg-transparent text-[14px] outline-none placeholder:text-zinc-400"
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, results.length - 1));
                else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
                else if (event.key === 'Enter') choose(results[active]);
                else return;
                event.preventDefault();
              }}
              data-testid="command-input"
            />
          </div>
          <ul className="max-h-[50vh] overflow-y-auto p-1.5" role="listbox">
            {results.length === 0 ? <li className="px-3 py-6 text-center text-zinc-500">Nothing matches “{query}”.</li> : null}
            {results.map((result, index) => {
              const Icon = result.type === 'node' ? iconOf(nodes.find((node) => node.id === result.nodeId)?.kind ?? '') : Plus;
              return (
                <li
                  key={result.type === 'node' ? `node:${result.nodeId}` : `kind:${result.kind}`}
                  role="option"
                  aria-selected={index === active}
                  onMouseMove={() => setActive(index)}
                  onClick={() => choose(result)}
                  data-testid="command-result"
                  data-result-type={result.type}
                  className={cn('flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-1.5', index === active && 'bg-accent-50')}
                >
                  <Icon className={cn('size-4 shrink-0', result.type === 'kind' ? 'text-accent-600' : 'text-zinc-500')} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-[13px] font-medium text-zinc-900">{result.title}</span>
                    <span className="block truncate text-[11px] text-zinc-500">{result.detail}</span>
                  </span>
                  {index === active ? <CornerDownLeft className="size-3.5 text-zinc-400" /> : null}
                </li>
              );
            })}
          </ul>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
