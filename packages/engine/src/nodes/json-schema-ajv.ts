import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Built on first use: the server validates with it; the browser build uses json-schema-browser.ts instead.
let ajv: Ajv2020 | undefined;

/**
 * Compiles a JSON Schema into a checker answering readable errors (empty when valid). On the server
 * (and in Node tests) this is ajv, draft 2020-12, which compiles schemas to code.
 */
export function compileJsonSchema(schema: Record<string, unknown>): (value: unknown) => string[] {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: false });
    // Formats (date-time, email, uri…) are checked, not ignored: a structured answer must be usable as it says.
    addFormats(ajv);
  }
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`));
}
