// age X25519 key strings: `AGE-SECRET-KEY-1…` identities and `age1…` recipients (bech32),
// and identity files as written by age-keygen (comments '#', blank lines, one key a line).
import { bech32 } from '@scure/base';
import { InvalidIdentityFileError, InvalidParameterError } from '../errors';

const IDENTITY_PREFIX = 'AGE-SECRET-KEY-';
const RECIPIENT_PREFIX = 'age';
const KEY_BYTES = 32;

/** The 32-byte X25519 scalar of an identity string, or null when it is not one. */
export function identityScalar(identity: string): Uint8Array | null {
  if (!identity.startsWith(`${IDENTITY_PREFIX}1`)) return null;
  try {
    const decoded = bech32.decodeToBytes(identity);
    if (decoded.prefix.toUpperCase() !== IDENTITY_PREFIX || decoded.bytes.length !== KEY_BYTES) return null;
    return decoded.bytes;
  } catch {
    return null;
  }
}

/** The 32-byte X25519 point of a recipient string, or null when it is not one. */
export function recipientPoint(recipient: string): Uint8Array | null {
  if (!recipient.startsWith(`${RECIPIENT_PREFIX}1`)) return null;
  try {
    const decoded = bech32.decodeToBytes(recipient);
    if (decoded.prefix !== RECIPIENT_PREFIX || decoded.bytes.length !== KEY_BYTES) return null;
    return decoded.bytes;
  } catch {
    return null;
  }
}

export function encodeIdentity(scalar: Uint8Array): string {
  return bech32.encodeFromBytes(IDENTITY_PREFIX, scalar).toUpperCase();
}

export function encodeRecipient(point: Uint8Array): string {
  return bech32.encodeFromBytes(RECIPIENT_PREFIX, point);
}

/** Checks one `age1…` recipient and returns it trimmed; anything else is refused. */
export function parseRecipient(text: string): string {
  const recipient = text.trim();
  if (recipientPoint(recipient) !== null) return recipient;
  const shown = recipient.length > 20 ? `${recipient.slice(0, 20)}…` : recipient;
  if (identityScalar(recipient) !== null) {
    throw new InvalidParameterError(
      'recipient',
      'dit is een geheime sleutel (AGE-SECRET-KEY-1…), geen publieke sleutel (age1…); deel die nooit.',
      'this is a secret key (AGE-SECRET-KEY-1…), not a public key (age1…); never share it.',
    );
  }
  throw new InvalidParameterError(
    'recipient',
    `'${shown}' is geen geldige X25519-publieke sleutel (age1…).`,
    `'${shown}' is not a valid X25519 public key (age1…).`,
  );
}

/**
 * The identities of an identity file (age-keygen's format: '#' comments, blank lines,
 * one `AGE-SECRET-KEY-1…` per line). Anything else, or no key at all, is refused.
 */
export function parseIdentityFile(text: string): string[] {
  if (text.startsWith('age-encryption.org/') || text.trimStart().startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    throw new InvalidIdentityFileError(
      'het is zelf een versleuteld age-bestand; ontsleutel het eerst',
      'it is itself an encrypted age file; decrypt it first',
    );
  }
  const identities: string[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (identityScalar(line) !== null) {
      identities.push(line);
      continue;
    }
    const lineNumber = index + 1;
    if (line.startsWith('AGE-PLUGIN-')) {
      throw new InvalidIdentityFileError(
        `regel ${lineNumber} is een plugin-sleutel; alleen X25519-sleutels (AGE-SECRET-KEY-1…) worden ondersteund`,
        `line ${lineNumber} is a plugin identity; only X25519 identities (AGE-SECRET-KEY-1…) are supported`,
      );
    }
    if (recipientPoint(line) !== null) {
      throw new InvalidIdentityFileError(
        `regel ${lineNumber} is een publieke sleutel (age1…); geef het bestand met de geheime sleutel (AGE-SECRET-KEY-1…)`,
        `line ${lineNumber} is a public key (age1…); give the file with the secret key (AGE-SECRET-KEY-1…)`,
      );
    }
    throw new InvalidIdentityFileError(
      `regel ${lineNumber} is geen geldige sleutel (AGE-SECRET-KEY-1…)`,
      `line ${lineNumber} is not a valid identity (AGE-SECRET-KEY-1…)`,
    );
  }
  if (identities.length === 0) {
    throw new InvalidIdentityFileError('het bevat geen sleutel (AGE-SECRET-KEY-1…)', 'it holds no identity (AGE-SECRET-KEY-1…)');
  }
  return identities;
}
