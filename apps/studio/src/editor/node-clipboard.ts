import { readNodesClipboard, type NodesClipboard } from '../stores/document-edits.ts';

/**
 * Copied nodes: written to the system clipboard (so they paste into another tab or pipeline) and
 * kept here, for browsers that do not hand the clipboard to the page.
 */
let lastCopied: NodesClipboard | undefined;

/** Remembers copied nodes and puts them on the system clipboard when the browser allows it. */
export function writeNodesClipboard(clipboard: NodesClipboard, event?: ClipboardEvent): void {
  lastCopied = clipboard;
  const text = JSON.stringify(clipboard);
  if (event?.clipboardData) {
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  }
}

/** The nodes a paste brings: from the system clipboard when it holds copied nodes, else the last copy in this tab. */
export function pastedNodes(event?: ClipboardEvent): NodesClipboard | undefined {
  const text = event?.clipboardData?.getData('text/plain');
  return (text ? readNodesClipboard(text) : undefined) ?? lastCopied;
}
