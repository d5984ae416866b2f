import { z } from 'zod';

// The server's Content-Security-Policy forbids eval; without this, zod probes `new Function`
// on first use and the browser logs a CSP violation. Jitless parsing is plenty fast for editor checks.
z.config({ jitless: true });
