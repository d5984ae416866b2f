import type { ModelResolver } from '@tandem/engine';
import type { ModelInfo } from '@tandem/shared';

/** Models plus the catalogue the studio's pickers show. */
export type ModelCatalog = ModelResolver & { listModels(): ModelInfo[] };
