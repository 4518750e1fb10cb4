/**
 * Keys the hub makes for itself on one machine: random, created once under
 * `<dataDir>/secrets/` with owner-only permissions, and read by every process of the hub.
 * Deployments across machines give them in the environment instead.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 256-bit keys, as HS256 wants at least. */
const KEY_BYTES = 32;

/** Decodes a key given as base64url (or base64); refuses one shorter than 256 bits. */
export function decodeKey(value: string, what: string): Uint8Array {
  const key = Buffer.from(value.trim(), 'base64url');
  if (key.length < KEY_BYTES) throw new Error(`${what} must be at least ${KEY_BYTES} bytes, base64url-encoded (it has ${key.length}).`);
  return new Uint8Array(key);
}

/**
 * The key `name` of this data directory, made on first use. It is written whole to a
 * temporary file and linked into place, so processes starting at once never see half a
 * key: the first link wins and the others read it.
 */
export function dataDirKey(dataDir: string, name: string): Uint8Array {
  const dir = join(dataDir, 'secrets');
  const path = join(dir, `${name}.key`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) {
    const temporary = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(temporary, randomBytes(KEY_BYTES).toString('base64url') + '\n', { mode: 0o600 });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return decodeKey(readFileSync(path, 'utf8'), path);
}
