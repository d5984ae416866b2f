import { pipelineFormatVersion, type GraphProblem, type KindVersions, type PipelineDocument } from '@tandem/shared';
import type { AnyNodeDefinition } from '../define-node.ts';
import type { NodeRegistry } from '../registry.ts';
import { pipelineDocumentFormat, schemaTagOf, type DocumentFormat } from './document-format.ts';

/** The result of reading a document of any version: the document in today's shape, or why it cannot be read. */
export type DocumentUpgrade =
  | {
      ok: true;
      /** The document in the current format with every node's config in its kind's current version, stamped with those versions. Not yet checked. */
      document: Record<string, unknown>;
      /** What was upgraded, e.g. `document v1 → v2`, `node "ask" (user) v1 → v2`; empty when nothing was. */
      applied: string[];
    }
  | { ok: false; problems: GraphProblem[] };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Upgrades a pipeline document as written by any earlier build — its
 * `schema` tag through the document migrations, then each node's config
 * through its kind's migrations from the version in the document's `kinds`
 * map (a kind not listed there is version 1) — and stamps the result with
 * the current versions. The input is not changed.
 *
 * A document newer than this build (a later `schema` tag, or a kind version
 * above the registered one) is refused with `PIPELINE_VERSION_UNSUPPORTED`
 * problems naming what is too new. Anything else wrong with the document is
 * left for `checkPipeline`, which the result should go through next.
 *
 * @example
 * const upgraded = upgradePipelineDocument(JSON.parse(file), registry);
 * if (upgraded.ok) checkPipeline(upgraded.document, registry);
 */
export function upgradePipelineDocument(input: unknown, registry: NodeRegistry, format: DocumentFormat = pipelineDocumentFormat): DocumentUpgrade {
  if (!isRecord(input)) return { ok: false, problems: [{ code: 'PIPELINE_INVALID', field: 'document', message: 'A pipeline document must be a JSON object' }] };
  const applied: string[] = [];
  const written = pipelineFormatVersion(input.schema);
  let document: Json = input;
  if (written !== undefined && written > format.version) {
    const message = `This document is "${String(input.schema)}", newer than this Tandem Studio reads (up to "${schemaTagOf(format.version)}"): update Tandem Studio to open it`;
    return { ok: false, problems: [{ code: 'PIPELINE_VERSION_UNSUPPORTED', field: 'schema', message }] };
  }
  if (written !== undefined && written < format.version) {
    const upgraded = migrateDocument(input, written, format);
    if (!upgraded.ok) return upgraded;
    document = upgraded.document;
    applied.push(`document v${written} → v${format.version}`);
  }

  if (document.kinds !== undefined) {
    // A malformed map cannot say where to start migrating from: refuse it rather than guess.
    const bad = isRecord(document.kinds)
      ? Object.entries(document.kinds).filter(([, version]) => !(typeof version === 'number' && Number.isInteger(version) && version >= 1))
      : [['', document.kinds] as const];
    if (bad.length > 0) {
      return {
        ok: false,
        problems: bad.map(([kind]) => ({ code: 'PIPELINE_INVALID', field: kind ? `kinds.${kind}` : 'kinds', message: kind ? `kinds.${kind}: must be a whole number from 1` : 'kinds: must map node kinds to versions' })),
      };
    }
  }
  const writtenKinds = isRecord(document.kinds) ? document.kinds : {};
  const nodes = Array.isArray(document.nodes) ? document.nodes : undefined;
  const problems: GraphProblem[] = [];
  const kinds: KindVersions = {};
  const upgradedNodes = nodes?.map((node: unknown) => {
    if (!isRecord(node) || typeof node.kind !== 'string') return node;
    const definition = registry.get(node.kind);
    const from = versionIn(writtenKinds, node.kind);
    if (!definition) {
      // Unknown kinds are reported by the checks; keep what the document says about them.
      if (writtenKinds[node.kind] !== undefined) kinds[node.kind] = from;
      return node;
    }
    kinds[node.kind] = definition.version;
    const nodeId = typeof node.id === 'string' ? node.id : undefined;
    if (from > definition.version) {
      problems.push({
        code: 'PIPELINE_VERSION_UNSUPPORTED',
        ...(nodeId ? { nodeId } : {}),
        field: 'kind',
        message: `Node "${nodeId ?? '?'}" uses kind "${node.kind}" at version ${from}, newer than this Tandem Studio knows (version ${definition.version}): update Tandem Studio to open it`,
      });
      return node;
    }
    if (from === definition.version) return node;
    const migrated = migrateConfig(isRecord(node.config) ? node.config : {}, from, definition);
    if (!migrated.ok) {
      problems.push({ code: 'NODE_CONFIG_INVALID', ...(nodeId ? { nodeId } : {}), field: 'config', message: migrated.message });
      return node;
    }
    applied.push(`node "${nodeId ?? '?'}" (${node.kind}) v${from} → v${definition.version}`);
    return { ...node, config: migrated.config };
  });
  if (problems.length > 0) return { ok: false, problems };
  const stamped: Json = { ...document, schema: schemaTagOf(format.version), kinds: sortedKeys(kinds) };
  if (upgradedNodes) stamped.nodes = upgradedNodes;
  return { ok: true, document: stamped, applied };
}

/**
 * Declares that a document is in today's shape: sets `kinds` to the current version of every
 * registered kind it uses. For code that builds documents with the current config schemas (the
 * editor, the shipped templates); never for a document read from elsewhere, which must be upgraded.
 */
export function stampKindVersions(document: PipelineDocument, registry: NodeRegistry): PipelineDocument {
  const kinds: KindVersions = {};
  for (const node of document.nodes) {
    const version = registry.get(node.kind)?.version ?? document.kinds?.[node.kind];
    if (version !== undefined) kinds[node.kind] = version;
  }
  return { ...document, kinds: sortedKeys(kinds) };
}

function versionIn(kinds: Json, kind: string): number {
  const version = kinds[kind];
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

function migrateDocument(input: Json, from: number, format: DocumentFormat): { ok: true; document: Json } | { ok: false; problems: GraphProblem[] } {
  let document = structuredClone(input);
  for (let version = from + 1; version <= format.version; version++) {
    const step = format.migrations.find((migration) => migration.version === version);
    const failed = (reason: string): { ok: false; problems: GraphProblem[] } => ({
      ok: false,
      problems: [{ code: 'PIPELINE_INVALID', field: 'schema', message: `Could not upgrade the document from "${schemaTagOf(version - 1)}" to "${schemaTagOf(version)}": ${reason}` }],
    });
    if (!step) return failed('this server has no migration for that step');
    try {
      document = step.up(document);
    } catch (error) {
      return failed((error as Error).message);
    }
  }
  return { ok: true, document };
}

function migrateConfig(stored: Json, from: number, definition: AnyNodeDefinition): { ok: true; config: Json } | { ok: false; message: string } {
  let config = structuredClone(stored);
  for (let version = from + 1; version <= definition.version; version++) {
    // The registry guarantees one migration per step.
    const step = definition.migrations!.find((migration) => migration.version === version)!;
    try {
      config = step.up(config);
    } catch (error) {
      return { ok: false, message: `config: could not upgrade "${definition.kind}" from version ${version - 1} to ${version}: ${(error as Error).message}` };
    }
  }
  return { ok: true, config };
}

function sortedKeys(kinds: KindVersions): KindVersions {
  return Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
