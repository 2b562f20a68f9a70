// The file key: unwrap it from the header's stanzas with a passphrase (scrypt) or
// X25519 identities, check the header MAC with it, wrap it for new recipients, and
// derive the payload key. Every refusal is a typed KetenlensError.
import {
  HeaderTamperedError,
  InvalidIdentityFileError,
  InvalidParameterError,
  KeyKindMismatchError,
  MalformedHeaderError,
  ScryptWorkFactorTooHighError,
  UnsupportedRecipientError,
  WrongIdentityError,
  WrongPassphraseError,
} from '../errors';
import { decodeBase64, encodeBase64 } from './base64';
import type { ParsedHeader, Stanza } from './header';
import { identityScalar, parseRecipient, recipientPoint } from './keys';
import { type AgePrimitives, equalBytes } from './primitives';
import { MAX_SCRYPT_LOG_N, type AgeKey, type AgeRecipients } from './types';

export const FILE_KEY_BYTES = 16;
const WRAPPED_KEY_BYTES = FILE_KEY_BYTES + 16;
const SCRYPT_SALT_BYTES = 16;
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const ZERO_NONCE = new Uint8Array(12);
const encoder = new TextEncoder();

// age's rule: a passphrase file has one recipient only, or anyone holding another
// recipient's key could re-wrap it and pass it off as "passphrase-protected".
function scryptNotAlone(): MalformedHeaderError {
  return new MalformedHeaderError('een scrypt-stanza moet de enige stanza zijn', 'a scrypt stanza must be the only stanza');
}

function invalidStanza(type: string): MalformedHeaderError {
  return new MalformedHeaderError(`de ${type}-stanza is ongeldig`, `the ${type} stanza is invalid`);
}

function unwrap(primitives: AgePrimitives, wrappingKey: Uint8Array, body: Uint8Array): Uint8Array | null {
  const fileKey = new Uint8Array(FILE_KEY_BYTES);
  return primitives.open(wrappingKey, ZERO_NONCE, body, fileKey) ? fileKey : null;
}

function concatenate(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

async function unwrapWithPassphrase(primitives: AgePrimitives, stanzas: Stanza[], passphrase: string): Promise<Uint8Array> {
  const scrypt = stanzas.find((stanza) => stanza.type === 'scrypt');
  if (scrypt === undefined) {
    if (stanzas.some((stanza) => stanza.type === 'X25519')) throw new KeyKindMismatchError('identity');
    throw new UnsupportedRecipientError(stanzas.map((stanza) => stanza.type));
  }
  if (stanzas.length !== 1) throw scryptNotAlone();
  const [saltText, logNText] = scrypt.args;
  const salt = saltText === undefined ? null : decodeBase64(saltText, false);
  if (scrypt.args.length !== 2 || salt === null || salt.length !== SCRYPT_SALT_BYTES || logNText === undefined || !/^[1-9][0-9]{0,2}$/.test(logNText)) {
    throw invalidStanza('scrypt');
  }
  if (scrypt.body.length !== WRAPPED_KEY_BYTES) throw invalidStanza('scrypt');
  const logN = Number(logNText);
  // Refuse before running scrypt: a huge work factor would hang the app or exhaust memory.
  if (logN > MAX_SCRYPT_LOG_N) throw new ScryptWorkFactorTooHighError(logN, MAX_SCRYPT_LOG_N);
  const wrappingKey = await primitives.scrypt(passphrase, concatenate(encoder.encode(SCRYPT_LABEL), salt), logN);
  const fileKey = unwrap(primitives, wrappingKey, scrypt.body);
  if (fileKey === null) throw new WrongPassphraseError();
  return fileKey;
}

interface X25519Stanza {
  share: Uint8Array;
  body: Uint8Array;
}

function x25519Stanzas(stanzas: Stanza[]): X25519Stanza[] {
  return stanzas
    .filter((stanza) => stanza.type === 'X25519')
    .map((stanza) => {
      const share = stanza.args.length === 1 ? decodeBase64(stanza.args[0]!, false) : null;
      if (share === null || share.length !== 32 || stanza.body.length !== WRAPPED_KEY_BYTES) throw invalidStanza('X25519');
      return { share, body: stanza.body };
    });
}

function x25519WrappingKey(primitives: AgePrimitives, shared: Uint8Array, share: Uint8Array, recipient: Uint8Array): Uint8Array {
  return primitives.hkdf(shared, concatenate(share, recipient), X25519_LABEL, 32);
}

function unwrapWithIdentities(primitives: AgePrimitives, stanzas: Stanza[], identities: string[]): Uint8Array {
  if (stanzas.some((stanza) => stanza.type === 'scrypt')) {
    if (stanzas.length !== 1) throw scryptNotAlone();
    throw new KeyKindMismatchError('passphrase');
  }
  const candidates = x25519Stanzas(stanzas);
  if (candidates.length === 0) throw new UnsupportedRecipientError(stanzas.map((stanza) => stanza.type));
  const scalars = identities.map((identity, index) => {
    const scalar = identityScalar(identity.trim());
    if (scalar === null) {
      throw new InvalidIdentityFileError(`sleutel ${index + 1} is geen AGE-SECRET-KEY-1…`, `identity ${index + 1} is not an AGE-SECRET-KEY-1…`);
    }
    return scalar;
  });
  if (scalars.length === 0) throw new WrongIdentityError(0);
  for (const scalar of scalars) {
    const recipient = primitives.x25519Base(scalar);
    for (const candidate of candidates) {
      const shared = primitives.x25519(scalar, candidate.share);
      if (shared === null) {
        throw new MalformedHeaderError('de X25519-stanza bevat een ongeldig punt', 'the X25519 stanza holds an invalid point');
      }
      const fileKey = unwrap(primitives, x25519WrappingKey(primitives, shared, candidate.share, recipient), candidate.body);
      if (fileKey !== null) return fileKey;
    }
  }
  throw new WrongIdentityError(scalars.length);
}

/** Unwraps the file key from the header's stanzas with the given key. */
export async function unwrapFileKey(primitives: AgePrimitives, stanzas: Stanza[], key: AgeKey): Promise<Uint8Array> {
  return key.kind === 'passphrase'
    ? unwrapWithPassphrase(primitives, stanzas, key.passphrase)
    : unwrapWithIdentities(primitives, stanzas, key.identities);
}

/** HMAC-SHA256 over the header up to "---", keyed by HKDF(file key, info 'header'). */
export function headerMac(primitives: AgePrimitives, fileKey: Uint8Array, macInput: Uint8Array): Uint8Array {
  return primitives.hmacSha256(primitives.hkdf(fileKey, new Uint8Array(0), 'header', 32), macInput);
}

export function verifyHeaderMac(primitives: AgePrimitives, fileKey: Uint8Array, header: ParsedHeader): void {
  if (!equalBytes(headerMac(primitives, fileKey, header.macInput), header.mac)) throw new HeaderTamperedError();
}

export function payloadKey(primitives: AgePrimitives, fileKey: Uint8Array, payloadNonce: Uint8Array): Uint8Array {
  return primitives.hkdf(fileKey, payloadNonce, 'payload', 32);
}

/** age CLI's default scrypt work factor. */
export const DEFAULT_SCRYPT_LOG_N = 18;

/** The stanzas that wrap `fileKey` for the recipients. */
export async function wrapFileKey(primitives: AgePrimitives, fileKey: Uint8Array, to: AgeRecipients): Promise<Stanza[]> {
  if (to.kind === 'passphrase') {
    const logN = to.logN ?? DEFAULT_SCRYPT_LOG_N;
    if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SCRYPT_LOG_N) {
      throw new InvalidParameterError('logN', `kies een geheel getal van 1 tot en met ${MAX_SCRYPT_LOG_N}.`, `choose a whole number from 1 to ${MAX_SCRYPT_LOG_N}.`);
    }
    const salt = primitives.randomBytes(SCRYPT_SALT_BYTES);
    const wrappingKey = await primitives.scrypt(to.passphrase, concatenate(encoder.encode(SCRYPT_LABEL), salt), logN);
    const body = new Uint8Array(WRAPPED_KEY_BYTES);
    primitives.seal(wrappingKey, ZERO_NONCE, fileKey, body);
    return [{ type: 'scrypt', args: [encodeBase64(salt, false), String(logN)], body }];
  }
  if (to.recipients.length === 0) {
    throw new InvalidParameterError('recipient', 'geef minstens één publieke sleutel (age1…).', 'give at least one public key (age1…).');
  }
  return to.recipients.map((text) => {
    const recipient = recipientPoint(parseRecipient(text));
    if (recipient === null) throw new Error('unreachable: parseRecipient accepted a non-recipient');
    const ephemeral = primitives.randomBytes(32);
    const share = primitives.x25519Base(ephemeral);
    const shared = primitives.x25519(ephemeral, recipient);
    if (shared === null) {
      throw new InvalidParameterError('recipient', `'${text}' is een ongeldig punt.`, `'${text}' is an invalid point.`);
    }
    const body = new Uint8Array(WRAPPED_KEY_BYTES);
    primitives.seal(x25519WrappingKey(primitives, shared, share, recipient), ZERO_NONCE, fileKey, body);
    return { type: 'X25519', args: [encodeBase64(share, false)], body };
  });
}
