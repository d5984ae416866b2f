import { format } from 'node:util';
import type { SecretRedactor } from '@tandem/shared';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * The last line before the server's log: each console call is formatted as Node would, masked, and
 * written as one string. Installed once by the server's entry point (it changes the global console).
 * Returns a function that restores the original methods.
 */
export function redactConsole(secrets: SecretRedactor, target: Pick<Console, (typeof methods)[number]> = console): () => void {
  const originals = methods.map((method) => [method, target[method]] as const);
  for (const [method, original] of originals) {
    target[method] = (...args: unknown[]) => (secrets.size === 0 ? original.apply(target, args) : original.call(target, secrets.redactText(format(...args))));
  }
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
