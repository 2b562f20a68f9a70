// Who a new snapshot is encrypted to, from the command line: `--recipient age1…`
// (repeatable), `--recipients-file FILE` (age's format: one key a line, # comments) or
// `--passphrase-file FILE`. Exactly one kind; a passphrase is never an argument.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AgeRecipients } from '../../age/types';
import { FileReadError, InvalidParameterError, UsageError } from '../../errors';
import { parseRecipient } from '../age/index';
import { passphraseFromFileText } from './keys';

export const RECIPIENT_OPTIONS = {
  recipient: { type: 'string', multiple: true },
  'recipients-file': { type: 'string', multiple: true },
  'passphrase-file': { type: 'string' },
} as const;

export interface RecipientValues {
  recipient?: string[];
  'recipients-file'?: string[];
  'passphrase-file'?: string;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FileReadError(path, 'het bestand bestaat niet of is niet leesbaar', 'the file does not exist or is not readable', { cause: error });
  }
}

function checkRecipient(value: string, where: string): string {
  try {
    return parseRecipient(value);
  } catch (error) {
    if (error instanceof InvalidParameterError) {
      throw new UsageError(`${where}: ${error.messageNl}`, `${where}: ${error.messageEn}`);
    }
    throw error;
  }
}

export async function resolveRecipients(values: RecipientValues, cwd: string): Promise<AgeRecipients> {
  const keys = (values.recipient ?? []).map((r) => checkRecipient(r.trim(), '--recipient'));
  for (const file of values['recipients-file'] ?? []) {
    const text = await readText(resolve(cwd, file));
    text.split(/\r?\n/).forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      keys.push(checkRecipient(trimmed, `${file}:${index + 1}`));
    });
  }
  const passphraseFile = values['passphrase-file'];
  if (passphraseFile !== undefined && keys.length > 0) {
    throw new UsageError(
      'Kies ontvangers (--recipient/--recipients-file) óf een wachtwoordzin (--passphrase-file), niet beide.',
      'Choose recipients (--recipient/--recipients-file) or a passphrase (--passphrase-file), not both.',
    );
  }
  if (passphraseFile !== undefined) {
    const passphrase = passphraseFromFileText(await readText(resolve(cwd, passphraseFile)));
    if (passphrase.length === 0) {
      throw new UsageError(`${passphraseFile}: de eerste regel (de wachtwoordzin) is leeg.`, `${passphraseFile}: the first line (the passphrase) is empty.`);
    }
    return { kind: 'passphrase', passphrase };
  }
  if (keys.length === 0) {
    throw new UsageError(
      'Voor wie versleutelen? Geef --recipient age1…, --recipients-file BESTAND of --passphrase-file BESTAND.',
      'Encrypt for whom? Give --recipient age1…, --recipients-file FILE or --passphrase-file FILE.',
    );
  }
  return { kind: 'x25519', recipients: keys };
}
