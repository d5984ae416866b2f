import { config } from 'zod/v4/core';

// The server's Content-Security-Policy forbids eval; without this, zod probes `new Function`
// on first use and the browser logs a CSP violation. Jitless parsing is plenty fast for editor checks.
// zod's core (a few kB) sets the one global configuration its schemas read, so the first page loads
// without zod's schema library; screens that validate load it with their own code.
config({ jitless: true });
