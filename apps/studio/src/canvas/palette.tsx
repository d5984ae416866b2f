import { useState, type DragEvent } from 'react';
import { Plus, Search } from 'lucide-react';
import type { AnyNodeDefinition } from '@tandem/engine';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { iconOf } from '../nodes/node-icons.ts';
import { groupDefinitionsByContext, nodeRegistry } from '../nodes/node-registry.ts';
import { cn } from '../ui/cn.ts';

/** The drag-and-drop payload type of palette items. */
export const paletteDragType = 'application/x-tandem-node-kind';

function PaletteItem({ definition, onAdd }: { definition: AnyNodeDefinition; onAdd: (kind: string) => void }) {
  const style = contextStyleOf(definition.context);
  const Icon = iconOf(definition.kind);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(paletteDragType, definition.kind);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <button
      type="button"
      draggable
      onDragStart={onDragStart}
      onClick={() => onAdd(definition.kind)}
      title={`${definition.description}\nDrag onto the canvas, or click to add it beside the selected node.`}
      data-testid={`palette-item-${definition.kind}`}
      className="group flex w-full cursor-grab items-center gap-2.5 rounded-md px-2 py-1 text-left hover:bg-zinc-100 active:cursor-grabbing"
    >
      <span className={cn('grid size-7 shrink-0 place-items-center rounded-md', style.tile)}>
        <Icon className="size-3.5" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[13px] font-medium text-zinc-800">{definition.displayName}</span>
      </span>
      <Plus className="size-3.5 shrink-0 text-zinc-300 opacity-0 group-hover:opacity-100" aria-hidden />
    </button>
  );
}

/** Kinds whose name, kind or description matches `query`. */
export function filterDefinitions(definitions: readonly AnyNodeDefinition[], query: string): AnyNodeDefinition[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...definitions];
  return definitions.filter((definition) => [definition.displayName, definition.kind, definition.description].some((text) => text.toLowerCase().includes(needle)));
}

export interface PaletteProps {
  onAdd: (kind: string) => void;
  disabled?: boolean;
  /** A narrow rail of icons (narrow screens). */
  collapsed?: boolean;
}

/** Every node kind of the engine, grouped by context, with a search. Drag onto the canvas, or click to add beside the selection. */
export function Palette({ onAdd, disabled = false, collapsed = false }: PaletteProps) {
  const [query, setQuery] = useState('');
  if (collapsed) {
    return (
      <nav aria-label="Node palette" className={cn('flex flex-col items-center gap-1 py-2', disabled && 'pointer-events-none opacity-50')} data-testid="palette" data-collapsed="true">
        {nodeRegistry.list().map((definition) => {
          const Icon = iconOf(definition.kind);
          return (
            <button
              key={definition.kind}
              type="button"
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(paletteDragType, definition.kind);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(definition.kind)}
              title={`${definition.displayName}: ${definition.description}`}
              aria-label={`Add ${definition.displayName}`}
              data-testid={`palette-item-${definition.kind}`}
              className={cn('grid size-8 cursor-pointer place-items-center rounded-md hover:ring-2 hover:ring-zinc-200', contextStyleOf(definition.context).tile)}
            >
              <Icon className="size-4" />
            </button>
          );
        })}
      </nav>
    );
  }
  const groups = groupDefinitionsByContext(filterDefinitions(nodeRegistry.list(), query));
  return (
    <nav aria-label="Node palette" className={cn('space-y-4 p-3', disabled && 'pointer-events-none opacity-50')} data-testid="palette">
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-zinc-400" />
        <input
          type="search"
          value={query}
          data-native-undo
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Search nodes"
          aria-label="Search node kinds"
          className="h-7 w-full rounded-md border border-zinc-200 bg-white pr-2 pl-7 text-xs outline-none focus:border-accent-500 focus:ring-2 focus:ring-accent-100"
          data-testid="palette-search"
        />
      </div>
      {groups.length === 0 ? <p className="px-2 text-xs text-zinc-500">No node kind matches “{query}”.</p> : null}
      {groups.map(({ context, definitions }) => {
        const style = contextStyleOf(context);
        return (
          <div key={context} className="space-y-1">
            <h3 className="flex items-center gap-1.5 px-2 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
              <span className={cn('size-1.5 rounded-full', style.dot)} />
              {style.label}
            </h3>
            {definitions.map((definition) => (
              <PaletteItem key={definition.kind} definition={definition} onAdd={onAdd} />
            ))}
          </div>
        );
      })}
    </nav>
  );
}
