import {
  ArrowDownToLine,
  ArrowUpFromLine,
  Boxes,
  Brain,
  Gavel,
  GitBranch,
  MessagesSquare,
  ShieldCheck,
  Shuffle,
  Sparkles,
  Terminal,
  Type,
  UserCheck,
  type LucideIcon,
} from 'lucide-react';
import type { NodeIcon } from '@tandem/engine';
import { nodeRegistry } from './node-registry.ts';

/** The picture of each icon a node kind may name. */
const icons: Record<NodeIcon, LucideIcon> = {
  input: ArrowDownToLine,
  output: ArrowUpFromLine,
  sparkles: Sparkles,
  messages: MessagesSquare,
  shuffle: Shuffle,
  shield: ShieldCheck,
  gavel: Gavel,
  terminal: Terminal,
  person: UserCheck,
  branch: GitBranch,
  boxes: Boxes,
  text: Type,
};

/** The icon of a node kind (a generic one for a kind this studio does not know). */
export function iconOf(kind: string): LucideIcon {
  const icon = nodeRegistry.get(kind)?.icon;
  return icon ? icons[icon] : Brain;
}
