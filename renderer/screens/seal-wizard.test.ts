// The seal wizard's transitions: a new pick or validation drops what no longer applies,
// a seal forgets the passphrase and the draft, and the readers are ready only when valid.
import { describe, expect, it } from 'vitest';
import type { SealReport } from '../../shared/seal/seal-files';
import { chosenRecipients, INITIAL_SEAL_STATE, metaOverrides, readersReady, recipientKeys, sealWizard, type SealAction, type SealWizardState } from './seal-wizard';

const run = (actions: SealAction[], from: SealWizardState = INITIAL_SEAL_STATE) => actions.reduce(sealWizard, from);
const REPORT = { meta: { peildatum: '2023-09-15' }, tables: [], findings: [] } as unknown as SealReport;
const csv = (name: string) => new File(['x'], name);

describe('sealWizard', () => {
  it('keeps only CSV files when picking, and a new pick drops the report and the refusal', () => {
    const state = run([{ type: 'validated', report: REPORT }, { type: 'failed', error: { code: 'x', messageNl: 'x', messageEn: 'x' } }, { type: 'pick', files: [csv('a.csv'), csv('b.txt'), csv('C.CSV')] }]);
    expect(state.files.map((file) => file.name)).toEqual(['a.csv', 'C.CSV']);
    expect(state.report).toBeNull();
    expect(state.error).toBeNull();
  });

  it('runs a validation: busy with progress, then the report, then idle', () => {
    const busy = run([{ type: 'validate' }, { type: 'progress', progress: { phase: 'read', done: 5, total: 10 } }]);
    expect(busy).toMatchObject({ busy: true, progress: { phase: 'read', done: 5 } });
    const done = run([{ type: 'validated', report: REPORT }, { type: 'finished' }], busy);
    expect(done).toMatchObject({ busy: false, progress: null, report: REPORT });
  });

  it('forgets the passphrase, the report and the files once sealed', () => {
    const ready = run([
      { type: 'pick', files: [csv('a.csv')] }, { type: 'validated', report: REPORT },
      { type: 'field', field: 'passphrase', value: 'geheim' }, { type: 'field', field: 'repeat', value: 'geheim' },
    ]);
    expect(readersReady(ready)).toBe(true);
    expect(chosenRecipients(ready)).toEqual({ kind: 'passphrase', passphrase: 'geheim' });
    const sealed = run([{ type: 'seal' }, { type: 'sealed', saved: { path: '/tmp/s.age', sha256: 'ab' } }, { type: 'finished' }], ready);
    expect(sealed).toMatchObject({ passphrase: '', repeat: '', report: null, files: [], saved: { path: '/tmp/s.age' }, busy: false });
  });

  it('is ready for readers only with a repeated passphrase or at least one key', () => {
    expect(readersReady(run([{ type: 'field', field: 'passphrase', value: 'a' }, { type: 'field', field: 'repeat', value: 'b' }]))).toBe(false);
    const keys = run([{ type: 'readers', readers: 'x25519' }, { type: 'field', field: 'recipients', value: '# team\nage1abc\n\n age1def \n' }]);
    expect(recipientKeys(keys)).toEqual(['age1abc', 'age1def']);
    expect(readersReady(keys)).toBe(true);
    expect(readersReady(run([{ type: 'readers', readers: 'x25519' }]))).toBe(false);
  });

  it('passes only the meta fields the person filled in', () => {
    expect(metaOverrides(INITIAL_SEAL_STATE)).toEqual({ bron: 'DUO' });
    expect(metaOverrides(run([{ type: 'field', field: 'peildatum', value: '2023-09-15' }, { type: 'field', field: 'gemeenteJaar', value: ' 2023 ' }, { type: 'field', field: 'bron', value: ' ' }])))
      .toEqual({ peildatum: '2023-09-15', gemeenteJaar: '2023' });
  });
});
