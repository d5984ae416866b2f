import { useFormContext } from './form-context.ts';
import { taggedUnionOf, typeOf, widgetAt, withoutNull, type SchemaNode } from './json-schema.ts';
import { ArrayField } from './fields/array-field.tsx';
import { BooleanField } from './fields/boolean-field.tsx';
import { EnumField } from './fields/enum-field.tsx';
import type { FieldProps } from './fields/field-props.ts';
import { JsonField } from './fields/json-field.tsx';
import { ModelField } from './fields/model-field.tsx';
import { NodeField } from './fields/node-field.tsx';
import { NumberField } from './fields/number-field.tsx';
import { ObjectField } from './fields/object-field.tsx';
import { RecordField } from './fields/record-field.tsx';
import { TemplateField } from './fields/template-field.tsx';
import { TextField } from './fields/text-field.tsx';
import { UnionField } from './fields/union-field.tsx';

const textWidgets = new Set(['template', 'code', 'text', 'model']);

function isStringMap(schema: SchemaNode): boolean {
  const additional = schema.additionalProperties;
  return !schema.properties && typeof additional === 'object' && typeOf(additional) === 'string';
}

/**
 * Renders the editor of one config value from its JSON Schema and the kind's widget hints.
 * Each case is a small component; anything the form cannot express falls back to JSON.
 */
export function SchemaField(props: FieldProps) {
  const { fields, overrides } = useFormContext();
  const Override = widgetAt(overrides, props.path);
  const hinted = widgetAt(fields, props.path);
  // A text widget cannot show a non-string value (e.g. args given as an object): edit it as JSON instead.
  const widget = hinted && textWidgets.has(hinted) && props.value !== undefined && typeof props.value !== 'string' ? 'json' : hinted;
  const schema = withoutNull(props.schema);
  const field = { ...props, schema };

  if (Override) return <Override {...field} />;
  switch (widget) {
    case 'hidden':
      return null;
    case 'json':
      return <JsonField {...field} />;
    case 'template':
      return <TemplateField {...field} />;
    case 'code':
      return <TemplateField {...field} code />;
    case 'model':
      return <ModelField {...field} />;
    case 'node':
      return <NodeField {...field} />;
    case 'text':
      return <TextField {...field} multiline />;
    default:
      break;
  }

  if (schema.const !== undefined) return null;
  if (schema.enum) return <EnumField {...field} />;
  const union = taggedUnionOf(schema);
  if (union) return <UnionField {...field} union={union} />;
  if (schema.anyOf || schema.oneOf) return <JsonField {...field} />;

  switch (typeOf(schema)) {
    case 'string':
      return <TextField {...field} />;
    case 'number':
    case 'integer':
      return <NumberField {...field} />;
    case 'boolean':
      return <BooleanField {...field} />;
    case 'array':
      return <ArrayField {...field} />;
    case 'object':
      if (schema.properties && Object.keys(schema.properties).length > 0) return <ObjectField {...field} />;
      if (isStringMap(schema)) return <RecordField {...field} />;
      return <JsonField {...field} />;
    default:
      return <JsonField {...field} />;
  }
}
