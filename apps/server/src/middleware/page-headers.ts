import { secureHeaders } from 'hono/secure-headers';

/** The security headers of the studio's pages (the built SPA): a strict CSP that allows only the studio's own origin. */
export const studioPageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'"],
  },
});
