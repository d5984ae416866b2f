import { Toast as RadixToast } from 'radix-ui';
import { CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { createStore, useStore } from 'zustand';
import { cn } from './cn.ts';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastMessage {
  id: number;
  title: string;
  description?: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: ToastMessage[];
  push(toast: Omit<ToastMessage, 'id'>): void;
  dismiss(id: number): void;
}

let nextToastId = 1;

/** Creates the store behind the toaster (one per app; fresh ones in tests). */
export function createToastStore() {
  return createStore<ToastState>()((set) => ({
    toasts: [],
    push: (toast) => set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id: nextToastId++ }] })),
    dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
  }));
}

const toastStore = createToastStore();

/** Shows a toast. */
export function toast(title: string, options: { description?: string; tone?: ToastTone } = {}) {
  toastStore.getState().push({ title, tone: options.tone ?? 'success', ...(options.description ? { description: options.description } : {}) });
}

const icons = { success: CheckCircle2, error: XCircle, info: Info } as const;
const iconColours = { success: 'text-emerald-600', error: 'text-red-600', info: 'text-accent-600' } as const;

/** Renders the toasts; mount once near the root. */
export function Toaster() {
  const toasts = useStore(toastStore, (state) => state.toasts);
  const dismiss = useStore(toastStore, (state) => state.dismiss);
  return (
    <RadixToast.Provider swipeDirection="right" duration={4000}>
      {toasts.map((item) => {
        const Icon = icons[item.tone];
        return (
          <RadixToast.Root
            key={item.id}
            onOpenChange={(open) => (open ? undefined : dismiss(item.id))}
            data-testid="toast"
            className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-white p-3 pr-2 shadow-lg data-[state=closed]:opacity-0"
          >
            <Icon className={cn('mt-0.5 size-4 shrink-0', iconColours[item.tone])} />
            <div className="min-w-0 flex-1">
              <RadixToast.Title className="text-[13px] font-medium text-zinc-900">{item.title}</RadixToast.Title>
              {item.description ? (
                <RadixToast.Description className="mt-0.5 text-xs break-words text-zinc-500">{item.description}</RadixToast.Description>
              ) : null}
            </div>
            <RadixToast.Close className="cursor-pointer rounded p-0.5 text-zinc-400 hover:text-zinc-700" aria-label="Dismiss">
              <X className="size-3.5" />
            </RadixToast.Close>
          </RadixToast.Root>
        );
      })}
      <RadixToast.Viewport className="fixed right-4 bottom-4 z-[60] flex w-80 flex-col gap-2 outline-none" />
    </RadixToast.Provider>
  );
}
