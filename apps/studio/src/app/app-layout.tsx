import { Outlet } from 'react-router';
import { TopBar } from './top-bar.tsx';

/** The frame of every page: the top bar above the routed screen. */
export function AppLayout() {
  return (
    <div className="flex h-full flex-col">
      <TopBar />
      <main className="min-h-0 flex-1">
        <Outlet />
      </main>
    </div>
  );
}
