// Properties over random inputs (fast-check): our two paths agree with each other on any
// plaintext, and any single altered byte of any file is refused with a typed error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KetenlensError } from '../../errors';
import { decryptAge } from '../../age/index';
import { noblePrimitives } from '../../age/noble';
import { encryptAgeWith } from '../../age/encrypt';
import { decryptAgeBytes, encryptAge, generateIdentity } from './index';

const identities = [generateIdentity(), generateIdentity(), generateIdentity()];

describe('properties', () => {
  it('node-encrypted files decrypt on the worker path (libsodium wasm) and pure-JS-encrypted files on the node path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 140_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (plaintext, recipientCount, armor) => {
          const to = { kind: 'x25519' as const, recipients: identities.slice(0, recipientCount).map((i) => i.recipient) };
          const key = { kind: 'identities' as const, identities: [identities[recipientCount - 1]!.identity] };
          const fromNode = await encryptAge(plaintext, to, { armor });
          expect(await decryptAge(fromNode, key)).toEqual(plaintext);
          const fromPure = await encryptAgeWith(noblePrimitives, plaintext, to, { armor });
          expect((await decryptAgeBytes(fromPure, key)).plaintext).toEqual(plaintext);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses any file with one byte altered, on both paths', async () => {
    const key = { kind: 'identities' as const, identities: [identities[0]!.identity] };
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 200_000 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 255 }),
        async (plaintext, where, pattern) => {
          const file = await encryptAge(plaintext, { kind: 'x25519', recipients: [identities[0]!.recipient] });
          const altered = new Uint8Array(file);
          altered[Math.floor(where * file.length)]! ^= pattern;
          for (const attempt of [() => decryptAgeBytes(altered, key), () => decryptAge(altered, key)]) {
            await expect(attempt()).rejects.toBeInstanceOf(KetenlensError);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
