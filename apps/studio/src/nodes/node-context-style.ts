import type { NodeContextKind } from '@tandem/engine';

export interface ContextStyle {
  label: string;
  /** Left bar / icon tile colour. */
  tile: string;
  /** Small text colour for the kind name. */
  text: string;
  /** Palette item hover and the dot in lists. */
  dot: string;
  badge: 'violet' | 'amber' | 'rose' | 'slate';
  /** The node's colour on the minimap. */
  minimap: string;
}

/** One colour per execution context: LLM violet, Server amber, User rose, IO slate. */
export const contextStyles: Record<NodeContextKind, ContextStyle> = {
  llm: { label: 'LLM', tile: 'bg-violet-100 text-violet-700', text: 'text-violet-700', dot: 'bg-violet-500', badge: 'violet', minimap: '#c4b5fd' },
  server: { label: 'Server', tile: 'bg-amber-100 text-amber-700', text: 'text-amber-700', dot: 'bg-amber-500', badge: 'amber', minimap: '#fcd34d' },
  user: { label: 'User', tile: 'bg-rose-100 text-rose-700', text: 'text-rose-700', dot: 'bg-rose-500', badge: 'rose', minimap: '#fda4af' },
  io: { label: 'Input / Output', tile: 'bg-slate-200 text-slate-700', text: 'text-slate-600', dot: 'bg-slate-500', badge: 'slate', minimap: '#94a3b8' },
};

const unknownStyle: ContextStyle = { label: 'Unknown', tile: 'bg-zinc-100 text-zinc-500', text: 'text-zinc-500', dot: 'bg-zinc-400', badge: 'slate', minimap: '#d4d4d8' };

export function contextStyleOf(context: string | undefined): ContextStyle {
  return (context && contextStyles[context as NodeContextKind]) || unknownStyle;
}
