import {
  ArrowDownToLine,
  ArrowUpFromLine,
  Boxes,
  Brain,
  CheckCheck,
  Gavel,
  GitBranch,
  MessagesSquare,
  ShieldCheck,
  Shuffle,
  Sparkles,
  Terminal,
  UserCheck,
  type LucideIcon,
} from 'lucide-react';

const icons: Record<string, LucideIcon> = {
  input: ArrowDownToLine,
  output: ArrowUpFromLine,
  llm: Sparkles,
  critique: MessagesSquare,
  variants: Shuffle,
  validate: ShieldCheck,
  judge: Gavel,
  activity: Terminal,
  user: UserCheck,
  branch: GitBranch,
  pipeline: Boxes,
  approve: CheckCheck,
};

/** The icon of a node kind (a generic one for kinds without their own). */
export function iconOf(kind: string): LucideIcon {
  return icons[kind] ?? Brain;
}
