/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Refuses to listen beyond loopback without access control (DESIGN.md §10). Answers the reason,
 * with what to do, or undefined when listening is fine.
 */
export function refuseUnprotectedBind(host: string, accessControl: boolean): string | undefined {
  if (isLoopbackHost(host) || accessControl) return undefined;
  return [
    `Tandem Studio will not listen on ${host} without access control: anyone who can reach it could use it.`,
    'Turn access control on in one of these ways, then start again:',
    '  - set TANDEM_OWNER_EMAIL and TANDEM_OWNER_PASSWORD (at least 10 characters): that owner account is created at start;',
    '  - or set TANDEM_AUTH=required: the server prints a one-time setup link that creates the owner on first visit;',
    '  - or start on 127.0.0.1, create the owner in Settings → Users, then restart with this HOST.',
    'See "Accounts and keys" in the README.',
  ].join('\n');
}
