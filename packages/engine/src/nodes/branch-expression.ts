import { StudioError } from '@tandem/shared';

/**
 * A tiny, safe expression language for `branch` conditions (no eval, no
 * Function): literals (numbers, 'strings' or "strings", true, false, null),
 * `{{node.path}}` references, `! -`, `< <= > >=`, `== != === !==`,
 * `contains`, `&&`, `||` and parentheses, with the usual precedence.
 */
export type Expression =
  | { type: 'literal'; value: unknown }
  | { type: 'reference'; expression: string }
  | { type: 'unary'; operator: '!' | '-'; operand: Expression }
  | { type: 'binary'; operator: string; left: Expression; right: Expression };

interface Token {
  kind: 'number' | 'string' | 'word' | 'reference' | 'operator' | 'end';
  text: string;
  value?: unknown;
  position: number;
}

const operators = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '-', '(', ')'];
/** Binary operators by precedence level, loosest first. */
const levels: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!=', '===', '!=='], ['<', '<=', '>', '>=', 'contains']];

function syntaxError(message: string, position: number): StudioError {
  return new StudioError('NODE_CONFIG_INVALID', `Condition: ${message} at position ${position + 1}`, { details: { position } });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const start = index;
    const reference = /^\{\{\s*([^{}]*?)\s*\}\}/.exec(rest);
    const numeric = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (reference) {
      if (!reference[1]) throw syntaxError('empty reference {{}}', start);
      tokens.push({ kind: 'reference', text: reference[1], position: start });
      index += reference[0].length;
    } else if (numeric) {
      tokens.push({ kind: 'number', text: numeric[0], value: Number(numeric[0]), position: start });
      index += numeric[0].length;
    } else if (word) {
      tokens.push({ kind: 'word', text: word[0], position: start });
      index += word[0].length;
    } else if (rest[0] === '"' || rest[0] === "'") {
      const quote = rest[0];
      let value = '';
      index++;
      while (index < source.length && source[index] !== quote) {
        if (source[index] === '\\' && index + 1 < source.length) {
          const escaped = source[index + 1]!;
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
          index += 2;
        } else value += source[index++];
      }
      if (index >= source.length) throw syntaxError('unterminated string', start);
      index++;
      tokens.push({ kind: 'string', text: source.slice(start, index), value, position: start });
    } else {
      const operator = operators.find((candidate) => rest.startsWith(candidate));
      if (!operator) throw syntaxError(rest[0] === '=' ? 'use == to compare' : `unexpected character "${rest[0]}"`, start);
      tokens.push({ kind: 'operator', text: operator, position: start });
      index += operator.length;
    }
  }
  tokens.push({ kind: 'end', text: 'end of condition', position: source.length });
  return tokens;
}

/** Parses a condition; throws StudioError NODE_CONFIG_INVALID naming the position of a syntax error. */
export function parseCondition(source: string): Expression {
  if (source.trim() === '') throw syntaxError('the condition is empty', 0);
  const tokens = tokenize(source);
  let current = 0;
  const peek = () => tokens[current]!;
  const isBinary = (token: Token, level: readonly string[]) =>
    (token.kind === 'operator' || (token.kind === 'word' && token.text === 'contains')) && level.includes(token.text);

  const parseLevel = (depth: number): Expression => {
    if (depth === levels.length) return parseUnary();
    let left = parseLevel(depth + 1);
    while (isBinary(peek(), levels[depth]!)) {
      const operator = tokens[current++]!.text;
      left = { type: 'binary', operator, left, right: parseLevel(depth + 1) };
    }
    return left;
  };

  const parseUnary = (): Expression => {
    const token = peek();
    if (token.kind === 'operator' && (token.text === '!' || token.text === '-')) {
      current++;
      return { type: 'unary', operator: token.text, operand: parseUnary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): Expression => {
    const token = tokens[current++]!;
    if (token.kind === 'number' || token.kind === 'string') return { type: 'literal', value: token.value };
    if (token.kind === 'reference') return { type: 'reference', expression: token.text };
    if (token.kind === 'word' && ['true', 'false', 'null'].includes(token.text)) {
      return { type: 'literal', value: token.text === 'null' ? null : token.text === 'true' };
    }
    if (token.kind === 'operator' && token.text === '(') {
      const inner = parseLevel(0);
      const close = tokens[current++]!;
      if (close.text !== ')' || close.kind !== 'operator') throw syntaxError(`expected ")" but found "${close.text}"`, close.position);
      return inner;
    }
    if (token.kind === 'word') throw syntaxError(`unknown word "${token.text}" (quote strings, reference values as {{node.field}})`, token.position);
    throw syntaxError(`expected a value but found "${token.text}"`, token.position);
  };

  const expression = parseLevel(0);
  const trailing = peek();
  if (trailing.kind !== 'end') throw syntaxError(`unexpected "${trailing.text}"`, trailing.position);
  return expression;
}

/** Evaluates a parsed condition; `resolve` reads a reference (missing values count as null). */
export function evaluateCondition(expression: Expression, resolve: (reference: string) => unknown): unknown {
  const evaluate = (node: Expression): unknown => {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'reference':
        return resolve(node.expression) ?? null;
      case 'unary': {
        const operand = evaluate(node.operand);
        return node.operator === '!' ? !isTruthy(operand) : -toNumber(operand);
      }
      case 'binary': {
        if (node.operator === '&&') return isTruthy(evaluate(node.left)) && isTruthy(evaluate(node.right));
        if (node.operator === '||') return isTruthy(evaluate(node.left)) || isTruthy(evaluate(node.right));
        return compare(node.operator, evaluate(node.left), evaluate(node.right));
      }
    }
  };
  return evaluate(expression);
}

/** JavaScript truthiness, except that an empty array or object is false too. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** Structural equality; `==` also equates a number with its numeric string. */
function equals(left: unknown, right: unknown, loose: boolean): boolean {
  if (loose && (typeof left === 'number' || typeof right === 'number') && typeof left !== typeof right) {
    return (typeof left === 'string' || typeof right === 'string') && toNumber(left) === toNumber(right);
  }
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
    case '===':
      return equals(left, right, operator === '==');
    case '!=':
    case '!==':
      return !equals(left, right, operator === '!=');
    case 'contains':
      if (typeof left === 'string') return left.includes(typeof right === 'string' ? right : JSON.stringify(right));
      if (Array.isArray(left)) return left.some((item) => equals(item, right, false));
      if (left && typeof left === 'object') return typeof right === 'string' && Object.prototype.hasOwnProperty.call(left, right);
      return false;
    default: {
      const bothStrings = typeof left === 'string' && typeof right === 'string' && (Number.isNaN(toNumber(left)) || Number.isNaN(toNumber(right)));
      const [a, b] = bothStrings ? [left, right] : [toNumber(left), toNumber(right)];
      if (!bothStrings && (Number.isNaN(a) || Number.isNaN(b))) return false;
      return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
    }
  }
}
