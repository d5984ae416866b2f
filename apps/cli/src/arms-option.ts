import type { ExperimentArmsSpec, PipelineDocument } from '@tandem/shared';

/**
 * Reads `--arms`: `variants:<nodeId>`, `versions:1,2`, or `models:<nodeId>=<model>,<model>`.
 * Without it: the variants of the pipeline's first variants node, else the latest version alone.
 */
export function parseArmsOption(value: string | undefined, document: PipelineDocument, latestVersion: number): ExperimentArmsSpec {
  if (value === undefined) {
    const variants = document.nodes.find((node) => node.kind === 'variants');
    return variants ? { kind: 'variants', nodeId: variants.id } : { kind: 'versions', versions: [latestVersion] };
  }
  const [kind, rest = ''] = splitOnce(value, ':');
  if (kind === 'variants' && rest) return { kind: 'variants', nodeId: rest };
  if (kind === 'versions' && rest) {
    const versions = rest.split(',').map((entry) => Number(entry.trim()));
    if (versions.every((version) => Number.isInteger(version) && version > 0)) return { kind: 'versions', versions };
  }
  if (kind === 'models') {
    const [nodeId, models = ''] = splitOnce(rest, '=');
    const list = models.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (nodeId && list.length > 0) return { kind: 'models', nodeId, models: list };
  }
  throw new Error(`--arms "${value}": use variants:<nodeId>, versions:1,2 or models:<nodeId>=<model>,<model>`);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + separator.length)];
}
