/** Path prefixes of the HTTP API (JSON answers, keys asked); every other path is one of the studio's pages. */
const apiPrefixes = ['/api/', '/v1/', '/generate', '/config/', '/metrics', '/healthz'];

/** Whether a request path belongs to the API rather than to the studio's pages. */
export const isApiPath = (path: string) => path === '/api' || path === '/v1' || apiPrefixes.some((prefix) => path.startsWith(prefix));
