// The key part of every form that opens a snapshot (Openen, Vergelijken): passphrase or
// identity file, with the same fields, wording and rules on both screens. The key stays in
// this state until the form hands it to the worker as an AgeKey, and is forgotten after.
import { useState, type Ref } from 'react';
import { parseIdentityFile } from '../../shared/age/keys';
import type { AgeKey } from '../../shared/age/types';
import type { HostApi } from '../../shared/ipc/contract';
import { useLanguage } from '../i18n/i18n';

export type KeyKind = 'passphrase' | 'identity';

export interface KeyInput {
  kind: KeyKind;
  setKind(kind: KeyKind): void;
  passphrase: string;
  setPassphrase(passphrase: string): void;
  identity: { name: string; text: string } | null;
  pickIdentity(): Promise<void>;
  /** A passphrase typed, or an identity file chosen. */
  ready: boolean;
  key(): AgeKey;
  /** Forget the key (after opening). */
  clear(): void;
}

/** The state of the key fields; a failure to read the identity file goes to `onError`. */
export function useKeyInput(host: HostApi, onError: (caught: unknown) => void): KeyInput {
  const [kind, setKind] = useState<KeyKind>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [identity, setIdentity] = useState<{ name: string; text: string } | null>(null);
  return {
    kind,
    setKind,
    passphrase,
    setPassphrase,
    identity,
    async pickIdentity() {
      try {
        const picked = await host.invoke('identity:pick', undefined);
        if (picked === null) return;
        const read = await host.invoke('file:read', { path: picked.path });
        setIdentity({ name: read.name, text: new TextDecoder().decode(read.bytes) });
      } catch (caught) {
        onError(caught);
      }
    },
    ready: kind === 'passphrase' ? passphrase !== '' : identity !== null,
    key: () => (kind === 'passphrase' ? { kind: 'passphrase', passphrase } : { kind: 'identities', identities: parseIdentityFile(identity?.text ?? '') }),
    clear() {
      setPassphrase('');
      setIdentity(null);
    },
  };
}

interface Props {
  input: KeyInput;
  legend: string;
  /** The radio group's name (unique on the page). */
  name: string;
  className: string;
  passphraseTestId: string;
  passphraseRef?: Ref<HTMLInputElement>;
  /** The id of a hint the passphrase field refers to (the demo passphrase). */
  describedBy?: string | undefined;
}

export function KeyFields({ input, legend, name, className, passphraseTestId, passphraseRef, describedBy }: Props) {
  const { t } = useLanguage();
  return (
    <>
      <fieldset className={className}>
        <legend>{legend}</legend>
        <label><input type="radio" name={name} checked={input.kind === 'passphrase'} onChange={() => input.setKind('passphrase')} />{t('keyPassphrase')}</label>
        <label><input type="radio" name={name} checked={input.kind === 'identity'} onChange={() => input.setKind('identity')} />{t('keyIdentity')}</label>
      </fieldset>
      {input.kind === 'passphrase' ? (
        <label className="field">
          <span>{t('passphraseLabel')}</span>
          <input
            ref={passphraseRef}
            type="password"
            autoComplete="off"
            value={input.passphrase}
            onChange={(event) => input.setPassphrase(event.target.value)}
            data-testid={passphraseTestId}
            aria-describedby={describedBy}
          />
        </label>
      ) : (
        <div className="field">
          <span>{t('identityLabel')}</span>
          <button type="button" className="secondary" onClick={() => void input.pickIdentity()}>{t('identityChoose')}</button>
          {input.identity !== null && <span className="muted">{t('identityChosen', { name: input.identity.name })}</span>}
        </div>
      )}
    </>
  );
}
