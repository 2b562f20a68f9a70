import { describe, expect, it } from 'vitest';
import { describeParameters, formatDateWords, formatEuros, listInWords, parameterPhrases } from './parameters';

describe('parameters in words', () => {
  it('says Tabel 1 the way a report author reads it, in Dutch and English', () => {
    const tabel1 = { peildata: ['2022-05-01', '2022-10-15', '2023-07-01'], doelgroep: 'asiel', drempel_cent: 950000, cohort_merge_from: 2022 };
    expect(parameterPhrases(tabel1)).toEqual([
      'peildata 1-5-2022, 15-10-2022 en 1-7-2023',
      'doelgroep asielmigranten',
      'ELIP-A: minstens € 9.500 van de lening gebruikt',
      'cohorten vanaf 2022 samengenomen',
    ]);
    expect(describeParameters(tabel1, { language: 'en', dateStyle: 'long' })).toBe(
      'reference dates 1 May 2022, 15 October 2022 and 1 July 2023 · target group asylum migrants · ELIP-A: at least € 9,500 of the loan used · cohorts from 2022 on taken together',
    );
  });

  it('says ENISA overrides as adjusted factors with the decimal mark of the language', () => {
    const parameters = { peildatum: '2022-01-27', incident: 'INC-1', enisa: { ei: 0.5, dpc: 4 } };
    expect(describeParameters(parameters)).toBe('peildatum 27-1-2022 · incident INC-1 · DPC 4 (aangepast) en EI 0,5 (aangepast)');
    expect(describeParameters(parameters, { language: 'en', omit: ['peildatum'] })).toBe('incident INC-1 · DPC 4 (adjusted) and EI 0.5 (adjusted)');
  });

  it('says periods, leaves out unset ones and never shows JSON for unknown parameters', () => {
    expect(describeParameters({ peildatum: '2023-09-15', vanaf: '2022-01-01', tot_en_met: null }, { dateStyle: 'padded' })).toBe('peildatum 15-09-2023 · vanaf 01-01-2022');
    expect(describeParameters({ vanaf: '2022-01-01', tot_en_met: '2022-12-31' })).toBe('periode 1-1-2022 tot en met 31-12-2022');
    expect(describeParameters({ tot_en_met: '2022-12-31' }, { language: 'en' })).toBe('up to and including 31-12-2022');
    expect(describeParameters({ vanaf: null, tot_en_met: null })).toBe('');
    expect(describeParameters({ extra_grens: { laag: 2, hoog: 1.25 }, op: '2022-02-03' })).toBe('extra grens: laag 2, hoog 1,25 · op: 3-2-2022');
  });

  it('formats its pieces', () => {
    expect(formatDateWords('2022-05-01', 'nl', 'long')).toBe('1 mei 2022');
    expect(formatDateWords('2022-05-01', 'nl', 'padded')).toBe('01-05-2022');
    expect(formatDateWords('geen datum', 'en', 'long')).toBe('geen datum');
    expect(formatEuros(750050, 'en')).toBe('€ 7,500.50');
    expect(formatEuros(750050)).toBe('€ 7.500,50');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'], 'en')).toBe('a and b');
  });
});
