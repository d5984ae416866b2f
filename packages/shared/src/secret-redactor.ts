/** What a known secret is replaced with wherever it would otherwise appear. */
export const redactedMark = '[redacted]';

/** Secrets shorter than this are not tracked: masking them would garble ordinary text. */
export const minimumSecretLength = 8;

/**
 * The secrets a server knows (provider keys from the environment, keys stored later) and the one
 * way to mask them in text and JSON values. Pure: no I/O, safe in any runtime.
 */
export interface SecretRedactor {
  /** Starts masking `secret` (ignored when shorter than {@link minimumSecretLength}). */
  add(secret: string | undefined): void;
  /** Stops masking `secret` (a rotated or deleted key). */
  remove(secret: string): void;
  /** Number of secrets tracked; 0 makes every method a no-op. */
  readonly size: number;
  /** The longest tracked form, for streaming redactors that must hold back a possible partial match. */
  readonly longest: number;
  /** `text` with every tracked secret replaced by {@link redactedMark}. */
  redactText(text: string): string;
  /**
   * `value` with every string holding a secret masked (keys included). Returns the very same value
   * when nothing had to change; otherwise a copy of the changed branches only. Iterative, so
   * arbitrarily deep values cannot overflow the stack.
   */
  redactValue<T>(value: T): T;
}

/** The forms a secret can take once embedded in JSON or a URL. */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms];
}

/**
 * Creates an empty redactor; add secrets as they become known.
 *
 * @example
 * const secrets = createSecretRedactor();
 * secrets.add(process.env.OPENAI_API_KEY);
 * secrets.redactText(`bad key ${process.env.OPENAI_API_KEY}`); // 'bad key [redacted]'
 */
export function createSecretRedactor(initial: readonly (string | undefined)[] = []): SecretRedactor {
  const secrets = new Map<string, string[]>();
  // Longest first, so a secret that contains another is masked whole.
  let forms: string[] = [];
  const rebuild = () => {
    forms = [...new Set([...secrets.values()].flat())].sort((a, b) => b.length - a.length);
  };

  function redactText(text: string): string {
    if (forms.length === 0 || text.length < minimumSecretLength) return text;
    let result = text;
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(redactedMark);
    return result;
  }

  function redactValue<T>(value: T): T {
    if (forms.length === 0) return value;
    if (typeof value === 'string') return redactText(value) as T;
    if (value === null || typeof value !== 'object') return value;
    return redactTree(value as object, redactText) as T;
  }

  const redactor: SecretRedactor = {
    add(secret) {
      const trimmed = secret?.trim();
      if (!trimmed || trimmed.length < minimumSecretLength || secrets.has(trimmed)) return;
      secrets.set(trimmed, formsOf(trimmed));
      rebuild();
    },
    remove(secret) {
      if (secrets.delete(secret.trim())) rebuild();
    },
    get size() {
      return secrets.size;
    },
    get longest() {
      return forms[0]?.length ?? 0;
    },
    redactText,
    redactValue,
  };
  for (const secret of initial) redactor.add(secret);
  return redactor;
}

interface Frame {
  source: Record<string, unknown> | unknown[];
  /** The copy, made only once a descendant changed. */
  copy?: Record<string, unknown> | unknown[];
  entries: [string, unknown][];
  index: number;
  parent?: Frame;
  keyInParent?: string;
}

/** Copy-on-write walk of a JSON-like tree with an explicit stack. */
function redactTree(root: object, redactText: (text: string) => string): unknown {
  const frameOf = (source: Record<string, unknown> | unknown[], parent?: Frame, keyInParent?: string): Frame => ({
    source,
    entries: Array.isArray(source) ? source.map((item, index) => [String(index), item]) : Object.entries(source),
    index: 0,
    ...(parent ? { parent, keyInParent } : {}),
  });
  const assign = (container: Record<string, unknown> | unknown[], key: string, value: unknown) => {
    if (Array.isArray(container)) container[Number(key)] = value;
    else container[key] = value;
  };
  /** Gives `frame` a copy and links copies up to the first ancestor that already has one (a loop: trees may be deep). */
  const ensureCopy = (frame: Frame): Record<string, unknown> | unknown[] => {
    const chain: Frame[] = [];
    for (let current: Frame | undefined = frame; current && !current.copy; current = current.parent) chain.push(current);
    for (const current of chain) current.copy = Array.isArray(current.source) ? [...current.source] : { ...current.source };
    for (const current of chain) if (current.parent) assign(current.parent.copy!, current.keyInParent!, current.copy);
    return frame.copy!;
  };
  const setChild = (frame: Frame, key: string, value: unknown) => assign(ensureCopy(frame), key, value);
  const rootFrame = frameOf(root as Record<string, unknown>);
  const stack: Frame[] = [rootFrame];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const [key, child] = frame.entries[frame.index++]!;
    if (!Array.isArray(frame.source)) {
      const maskedKey = redactText(key);
      if (maskedKey !== key) {
        const copy = ensureCopy(frame) as Record<string, unknown>;
        delete copy[key];
        copy[maskedKey] = child;
      }
    }
    if (typeof child === 'string') {
      const masked = redactText(child);
      if (masked !== child) setChild(frame, Array.isArray(frame.source) ? key : redactText(key), masked);
    } else if (child !== null && typeof child === 'object') {
      stack.push(frameOf(child as Record<string, unknown>, frame, Array.isArray(frame.source) ? key : redactText(key)));
    }
  }
  return rootFrame.copy ?? root;
}
