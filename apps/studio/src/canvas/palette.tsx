import type { DragEvent } from 'react';
import { Plus } from 'lucide-react';
import type { AnyNodeDefinition } from '@tandem/engine';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { iconOf } from '../nodes/node-icons.ts';
import { groupDefinitionsByContext } from '../nodes/node-registry.ts';
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
      title={`${definition.description}\nDrag onto the canvas, or click to add.`}
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

/** Every node kind of the engine, grouped by context. Drag onto the canvas, or click to add at the centre. */
export function Palette({ onAdd, disabled = false }: { onAdd: (kind: string) => void; disabled?: boolean }) {
  return (
    <nav aria-label="Node palette" className={cn('space-y-4 p-3', disabled && 'pointer-events-none opacity-50')} data-testid="palette">
      {groupDefinitionsByContext().map(({ context, definitions }) => {
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
