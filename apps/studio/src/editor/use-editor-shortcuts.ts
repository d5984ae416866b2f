import { useEffect, useRef } from 'react';

/** What the editor's keyboard shortcuts do. */
export interface EditorCommands {
  undo(): void;
  redo(): void;
  copy(event?: ClipboardEvent): boolean;
  paste(event?: ClipboardEvent): void;
  duplicate(): void;
  deleteSelection(): void;
  save(): void;
  openSearch(): void;
  openShortcuts(): void;
  layout(): void;
}

/** The shortcut sheet: every key the editor answers, in the user's words. */
export const editorShortcuts: readonly { keys: string; does: string }[] = [
  { keys: 'Mod+Z', does: 'Undo' },
  { keys: 'Shift+Mod+Z  ·  Mod+Y', does: 'Redo' },
  { keys: 'Mod+C  ·  Mod+V', does: 'Copy and paste the selected nodes with their configs' },
  { keys: 'Mod+D', does: 'Duplicate the selected nodes' },
  { keys: 'Delete  ·  Backspace', does: 'Delete the selected nodes and connections' },
  { keys: 'Mod+S', does: 'Save (as a draft while there are problems)' },
  { keys: 'Mod+K', does: 'Find a node, or add one by kind' },
  { keys: 'Shift+L', does: 'Lay the pipeline out left to right' },
  { keys: 'Shift+click  ·  drag on the canvas with Shift', does: 'Select several nodes' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** Fields whose text the keys edit: letters and Delete belong to them, not to the canvas. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type));
}

/** True while a dialog (search, shortcuts, a confirmation) is open: it owns the keyboard. */
function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

/**
 * Binds the editor's shortcuts on the window. Undo and redo act on the document even inside
 * inspector fields (the store coalesces typing, so a field's burst undoes as one step); copy,
 * paste, delete and the single keys leave text fields alone.
 */
export function useEditorShortcuts(commands: EditorCommands) {
  const latest = useRef(commands);
  latest.current = commands;

  useEffect(() => {
    // A paste started by the keyboard, in case the browser does not fire a paste event outside text fields.
    let keyboardPaste = false;
    const onKeyDown = (event: KeyboardEvent) => {
      const run = latest.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const inText = isTextField(event.target);
      if (mod && key === 's') {
        event.preventDefault();
        run.save();
        return;
      }
      if (dialogOpen()) return;
      if (mod && key === 'k') {
        event.preventDefault();
        run.openSearch();
      } else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) {
        if (inText && (event.target as HTMLElement).dataset.nativeUndo !== undefined) return;
        event.preventDefault();
        run.redo();
      } else if (mod && key === 'z') {
        if (inText && (event.target as HTMLElement).dataset.nativeUndo !== undefined) return;
        event.preventDefault();
        run.undo();
      } else if (inText) {
        return;
      } else if (mod && key === 'c' && !hasTextSelection()) {
        run.copy();
      } else if (mod && key === 'v') {
        keyboardPaste = true;
        setTimeout(() => {
          if (!keyboardPaste) return;
          keyboardPaste = false;
          latest.current.paste();
        }, 0);
      } else if (mod && key === 'd') {
        event.preventDefault();
        run.duplicate();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        run.deleteSelection();
      } else if (!mod && event.key === '?') {
        event.preventDefault();
        run.openShortcuts();
      } else if (!mod && event.shiftKey && key === 'l') {
        event.preventDefault();
        run.layout();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTextField(event.target) || dialogOpen() || hasTextSelection()) return;
      latest.current.copy(event);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextField(event.target) || dialogOpen()) return;
      keyboardPaste = false;
      latest.current.paste(event);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

/** `Mod` as this platform writes it. */
export function modKeyLabel(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}
