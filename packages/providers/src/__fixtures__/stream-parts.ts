/** Reads a stream to the end with its reader, the way the engine does (test helper). */
export async function readAllParts<Part>(stream: ReadableStream<Part>): Promise<Part[]> {
  const parts: Part[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

/** Runs an action that must fail and answers what it threw (test helper). */
export async function captureError(action: () => PromiseLike<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
