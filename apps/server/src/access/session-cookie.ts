import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requestOrigin } from '../middleware/local-guard.ts';

/** The session cookie's name. */
export const sessionCookieName = 'tandem_session';

/** The session token the browser sent, if any. */
export const readSessionCookie = (c: Context): string | undefined => getCookie(c, sessionCookieName);

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the page is served over https. */
export function writeSessionCookie(c: Context, token: string, options: { trustProxy: boolean; maxAgeSeconds: number }): void {
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: requestOrigin(c, options.trustProxy).startsWith('https:'),
    maxAge: options.maxAgeSeconds,
  });
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context, options: { trustProxy: boolean }): void {
  deleteCookie(c, sessionCookieName, { path: '/', httpOnly: true, sameSite: 'Lax', secure: requestOrigin(c, options.trustProxy).startsWith('https:') });
}
