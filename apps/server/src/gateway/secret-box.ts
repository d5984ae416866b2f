import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StudioError } from '@tandem/shared';

/** Seals and opens secrets with AES-256-GCM (a random 12-byte IV per secret, the 16-byte tag checked on open). */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws INTERNAL when the tag does not verify (another key, or a damaged value). */
  open(sealed: string): string;
  /** Where the key came from. */
  readonly keySource: 'TANDEM_SECRET_KEY' | 'key file' | 'memory';
}

/**
 * The key: `TANDEM_SECRET_KEY` when set (64 hex characters or 44 base64 characters are used as the
 * 32 bytes; any other text is hashed with SHA-256), else a random key kept in a file beside the
 * database (`tandem-secret.key`, mode 0600), created on first use. An in-memory database gets a
 * key that lives as long as the process.
 */
export function loadSecretKey(options: { secretKey?: string | undefined; databasePath: string }): { key: Buffer; source: SecretBox['keySource'] } {
  const given = options.secretKey?.trim();
  if (given) {
    if (/^[0-9a-f]{64}$/i.test(given)) return { key: Buffer.from(given, 'hex'), source: 'TANDEM_SECRET_KEY' };
    const decoded = Buffer.from(given, 'base64');
    if (decoded.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(given)) return { key: decoded, source: 'TANDEM_SECRET_KEY' };
    return { key: createHash('sha256').update(given).digest(), source: 'TANDEM_SECRET_KEY' };
  }
  if (options.databasePath === ':memory:') return { key: randomBytes(32), source: 'memory' };
  const file = `${dirname(options.databasePath)}/tandem-secret.key`;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new StudioError('INTERNAL', `The key file ${file} does not hold a 32-byte key`);
  return { key, source: 'key file' };
}

/** Creates a secret box over a 32-byte key. */
export function createSecretBox(key: Buffer, keySource: SecretBox['keySource']): SecretBox {
  return {
    keySource,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new StudioError('INTERNAL', 'A stored provider key could not be decrypted (was TANDEM_SECRET_KEY or the key file changed?)', { cause: error });
      }
    },
  };
}
