import { hash, hashSync, verify } from '@node-rs/argon2';

// argon2id (Algorithm.Argon2id = 2; the enum is a const enum the compiler cannot inline across
// modules here) at the OWASP minimum: 19 MiB, 2 passes, 1 lane (~30 ms on this machine).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** An argon2id PHC string for `password`. */
export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** As {@link hashPassword}, blocking: for the owner created from the environment at start. */
export const hashPasswordSync = (password: string): string => hashSync(password, options);

// Verified against when the account does not exist, so a wrong email costs as long as a wrong password.
let decoy: Promise<string> | undefined;

/** True when `password` matches `passwordHash`; with no hash, spends the same time and answers false. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    decoy ??= hashPassword('decoy password that never matches');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
