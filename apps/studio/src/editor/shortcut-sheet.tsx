import { Dialog } from '../ui/dialog.tsx';
import { editorShortcuts, modKeyLabel } from './use-editor-shortcuts.ts';

/** The `?` sheet: every shortcut of the editor. */
export function ShortcutSheet({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const mod = modKeyLabel();
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" data-testid="shortcut-sheet">
      <dl className="divide-y divide-zinc-100">
        {editorShortcuts.map((shortcut) => (
          <div key={shortcut.keys} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-zinc-700">{shortcut.does}</dt>
            <dd className="shrink-0">
              {shortcut.keys.split('  ·  ').map((combo, index) => (
                <span key={combo}>
                  {index > 0 ? <span className="mx-1 text-zinc-300">or</span> : null}
                  <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 shadow-xs">{combo.replaceAll('Mod', mod)}</kbd>
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
