const labels: Record<string, string> = {
  prompt: 'The prompt',
  system: 'The system prompt',
  value: 'The value',
  template: 'The template',
  condition: 'The condition',
  subject: 'The subject',
  criteria: 'The criteria',
  goal: 'The goal',
  title: 'The title',
  instructions: 'The instructions',
  key: 'The assignment key',
  url: 'The URL',
  body: 'The body',
};

/**
 * A config path as a person reads it: `config.prompt` → "The prompt", `config.variants.1.prompt` →
 * "The prompt of variants 2"; anything unknown → "The field headers.Authorization".
 */
export function fieldInWords(path: string): string {
  const segments = path.replace(/^config\./, '').split('.');
  const last = segments.at(-1) ?? path;
  const label = labels[last] ?? `The field "${segments.join('.')}"`;
  if (!labels[last] || segments.length === 1) return label;
  const parent = segments.slice(0, -1).map((segment) => (/^\d+$/.test(segment) ? String(Number(segment) + 1) : segment)).join(' ');
  return `${label} of ${parent}`;
}
