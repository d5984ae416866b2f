import { createContext, useContext, type ComponentType } from 'react';
import type { FieldWidget } from '@tandem/engine';
import type { FieldProps } from './fields/field-props.ts';

/** What every field of one node's form needs to know besides its own value. */
export interface FormContextValue {
  nodeId: string;
  /** Widget hints of the node kind, by dotted config path. */
  fields: Partial<Record<string, FieldWidget>> | undefined;
  /** Field components a kind's view supplies instead of the generated ones, by dotted config path. */
  overrides: Partial<Record<string, ComponentType<FieldProps>>> | undefined;
  /** Problem messages by `config.<path>`. */
  problemsByField: ReadonlyMap<string, string[]>;
  /** Ids of the other nodes, for `node` fields. */
  nodeIds: readonly string[];
  /** References a template may use: `{{id.path}}` strings of upstream nodes. */
  references: readonly string[];
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('Inspector fields must be rendered inside a FormContext');
  return value;
}

/** The DOM id of a field, stable per node and path. */
export function fieldDomId(nodeId: string, path: readonly string[]): string {
  return `field-${nodeId}-${path.join('-')}`;
}

/** The problems reported for a field (and for anything inside it when `nested`). */
export function problemsAt(context: FormContextValue, path: readonly string[], nested = false): string[] {
  const key = ['config', ...path].join('.');
  const own = context.problemsByField.get(key) ?? [];
  if (!nested) return own;
  const inside: string[] = [];
  for (const [field, messages] of context.problemsByField) if (field.startsWith(`${key}.`)) inside.push(...messages);
  return [...own, ...inside];
}
