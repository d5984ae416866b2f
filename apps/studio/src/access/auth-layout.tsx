import type { ReactNode } from 'react';

/** The centred card of the sign-in and owner setup pages. */
export function AuthLayout({ title, description, children, testId }: { title: string; description: ReactNode; children: ReactNode; testId: string }) {
  return (
    <div className="flex min-h-full items-center justify-center bg-zinc-50 px-4 py-12" data-testid={testId}>
      <div className="w-full max-w-sm space-y-6">
        <div className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
          <span className="grid size-7 place-items-center rounded-md bg-accent-600 text-xs font-bold text-white">T</span>
          Tandem Studio
        </div>
        <div className="space-y-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
          <div className="space-y-1">
            <h1 className="text-lg font-semibold tracking-tight text-zinc-900">{title}</h1>
            <p className="text-[13px] text-zinc-500">{description}</p>
          </div>
          {children}
        </div>
      </div>
    </div>
  );
}
