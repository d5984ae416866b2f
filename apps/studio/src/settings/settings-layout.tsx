import { NavLink, Outlet } from 'react-router';
import { cn } from '../ui/cn.ts';

const sections = [
  { to: '/settings', label: 'General', end: true, testId: 'settings-nav-general' },
  { to: '/settings/providers', label: 'Providers', end: false, testId: 'settings-nav-providers' },
] as const;

/** `/settings`: its sections (General, Providers) as tabs over one page. */
export function SettingsLayout() {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-5 px-6 py-8">
        <h1 className="text-xl font-semibold tracking-tight">Settings</h1>
        <nav className="flex gap-1 border-b border-zinc-200" aria-label="Settings sections">
          {sections.map(({ to, label, end, testId }) => (
            <NavLink
              key={to}
              to={to}
              end={end}
              data-testid={testId}
              className={({ isActive }) =>
                cn('-mb-px border-b-2 px-2.5 py-2 text-[13px] font-medium', isActive ? 'border-accent-600 text-zinc-900' : 'border-transparent text-zinc-500 hover:text-zinc-800')
              }
            >
              {label}
            </NavLink>
          ))}
        </nav>
        <Outlet />
      </div>
    </div>
  );
}
