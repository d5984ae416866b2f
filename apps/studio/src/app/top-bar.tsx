import { NavLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Activity, Database, FlaskConical, Inbox, LayoutGrid, PlayCircle, Settings } from 'lucide-react';
import { AccountMenu } from '../access/account-menu.tsx';
import { inboxQuery } from '../api/inbox.ts';
import { cn } from '../ui/cn.ts';

const navItems = [
  { to: '/', label: 'Pipelines', icon: LayoutGrid, end: true, testId: 'nav-pipelines' },
  { to: '/runs', label: 'Runs', icon: PlayCircle, end: false, testId: 'nav-runs' },
  { to: '/experiments', label: 'Experiments', icon: FlaskConical, end: false, testId: 'nav-experiments' },
  { to: '/datasets', label: 'Datasets', icon: Database, end: false, testId: 'nav-datasets' },
  { to: '/inbox', label: 'Inbox', icon: Inbox, end: false, testId: 'nav-inbox' },
  { to: '/monitoring', label: 'Monitoring', icon: Activity, end: false, testId: 'nav-monitoring' },
  { to: '/settings', label: 'Settings', icon: Settings, end: false, testId: 'nav-settings' },
] as const;

function InboxCount() {
  const { data } = useQuery(inboxQuery());
  const count = data?.length ?? 0;
  if (count === 0) return null;
  return (
    <span data-testid="inbox-count" className="ml-0.5 rounded-full bg-rose-500 px-1.5 py-px text-[10px] leading-4 font-semibold text-white">
      {count}
    </span>
  );
}

/** Product name and the main navigation. */
export function TopBar() {
  return (
    <header className="flex h-12 shrink-0 items-center gap-6 border-b border-zinc-200 bg-white px-4">
      <NavLink to="/" className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
        <span className="grid size-6 place-items-center rounded-md bg-accent-600 text-[11px] font-bold text-white">T</span>
        Tandem Studio
      </NavLink>
      <nav className="flex items-center gap-1" aria-label="Main">
        {navItems.map(({ to, label, icon: Icon, end, testId }) => (
          <NavLink
            key={to}
            to={to}
            end={end}
            data-testid={testId}
            className={({ isActive }) =>
              cn(
                'flex h-8 items-center gap-1.5 rounded-md px-2.5 text-[13px] font-medium transition-colors',
                isActive ? 'bg-zinc-100 text-zinc-900' : 'text-zinc-500 hover:bg-zinc-50 hover:text-zinc-900',
              )
            }
          >
            <Icon className="size-4" />
            {label}
            {to === '/inbox' ? <InboxCount /> : null}
          </NavLink>
        ))}
      </nav>
      <div className="ml-auto min-w-0">
        <AccountMenu />
      </div>
    </header>
  );
}
