import type { SchemaNode } from '../json-schema.ts';

/** What every inspector field component receives. */
export interface FieldProps {
  schema: SchemaNode;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Path inside the node config. */
  path: readonly string[];
  label: string;
  required: boolean;
}
