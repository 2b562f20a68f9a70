// The ENISA mapping, one test per branch with scores computed by hand: the data classes,
// the context raise for simple data, the scale raise (persons and share viewed, at its
// borders), the cap at 4, EI, each circumstance of the breach, bands and overrides.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../errors';
import {
  assessEnisa, dataKindOf, enisaCircumstances, enisaOverrides, severityBand, type CategoryInfo, type EnisaEvidence,
} from './enisa';

const category = (code: string, omschrijving: string, bijzonder = false): CategoryInfo => ({ code, omschrijving, bijzonder });
const NAW = category('NAW', 'Naam, adres, woonplaats');
const STL = category('STL', 'Stelsel');

function evidence(overrides: Partial<EnisaEvidence>): EnisaEvidence {
  return { categories: [NAW, STL], persons: 3000, personsViewed: 0, municipalities: 120, views: 0, users: 0, ...overrides };
}

describe('ENISA severity', () => {
  it('places categories in ENISA classes, bijzonder always sensitive', () => {
    expect(dataKindOf(NAW)).toBe('eenvoudig');
    expect(dataKindOf(category('LEN', 'Leningbedrag en betalingen'))).toBe('financieel');
    expect(dataKindOf(category('LOC', 'Opvanglocatie (azc)'))).toBe('gedrag');
    expect(dataKindOf(category('MED', 'Medische ontheffing'))).toBe('gevoelig');
    expect(dataKindOf(category('X', 'Overig', true))).toBe('gevoelig');
    // 'ras' only as a whole word: 'contrast' is not about race.
    expect(dataKindOf(category('C', 'Contrastgegevens'))).toBe('eenvoudig');
  });

  it('many persons but none viewed: DPC 1 + 1 (context), no scale raise; CB 0 (exposed) → 2 × 1 + 0 = 2 (gemiddeld)', () => {
    const assessment = assessEnisa(evidence({}), {});
    expect(assessment).toMatchObject({ dpc: { value: 2, overridden: false }, ei: { value: 1 }, cb: { value: 0 }, se: 2, ernst: 'gemiddeld' });
    expect(assessment?.dpc.reasonNl).toContain('geen verhoging voor omvang');
    expect(assessment?.cb.reasonNl).toContain('blootgesteld zonder bewijs van inzage');
  });

  it('many persons, 40 % viewed: DPC 1 + 1 + 1 = 3; CB 0,25 (known recipients) → 3 × 1 + 0,25 = 3,25 (hoog)', () => {
    const assessment = assessEnisa(evidence({ personsViewed: 1200, views: 1500, users: 80 }), {});
    expect(assessment).toMatchObject({ dpc: { value: 3 }, ei: { value: 1 }, cb: { value: 0.25 }, se: 3.25, ernst: 'hoog' });
    expect(assessment?.dpc.reasonNl).toContain('+1 voor omvang: 3.000 personen blootgesteld, 1.200 daarvan ingezien (40 %)');
    expect(assessment?.cb.reasonNl).toContain('1.500 inzagen door 80 gebruikers bij 120 gemeenten');
  });

  it('few persons, all viewed: no scale raise → 2 × 1 + 0,25 = 2,25 (gemiddeld)', () => {
    const assessment = assessEnisa(evidence({ persons: 500, personsViewed: 400, views: 600, users: 9 }), {});
    expect(assessment).toMatchObject({ dpc: { value: 2 }, se: 2.25, ernst: 'gemiddeld' });
    expect(assessment?.dpc.reasonNl).toContain('minder dan 1.000 personen');
  });

  it('scale raise at its borders: 1.000 persons with exactly 10 % viewed counts, 999 or 9,9 % does not', () => {
    const dpc = (persons: number, personsViewed: number) => assessEnisa(evidence({ persons, personsViewed, views: personsViewed, users: 1 }), {})?.dpc.value;
    expect(dpc(1000, 100)).toBe(3);
    expect(dpc(999, 999)).toBe(2);
    expect(dpc(1000, 99)).toBe(2);
  });

  it('financial data without identifiers: DPC 3 (no context raise), EI 0,75 → 3 × 0,75 + 0,25 = 2,5 (gemiddeld)', () => {
    const assessment = assessEnisa(evidence({ categories: [STL, category('LEN', 'Lening')], persons: 1, personsViewed: 1, views: 2, users: 1 }), {});
    expect(assessment).toMatchObject({ dpc: { value: 3 }, ei: { value: 0.75 }, cb: { value: 0.25 }, se: 2.5, ernst: 'gemiddeld' });
  });

  it('special data at scale: 4 + 1 capped at 4 → 4 × 1 + 0,25 = 4,25 (zeer hoog)', () => {
    const assessment = assessEnisa(
      evidence({ categories: [NAW, category('MED', 'Medische ontheffing', true)], persons: 2000, personsViewed: 1000, views: 1000, users: 5 }),
      {},
    );
    expect(assessment).toMatchObject({ dpc: { value: 4 }, se: 4.25, ernst: 'zeer hoog' });
    expect(assessment?.dpc.reasonNl).toContain('begrensd op 4');
  });

  it('no categories known: simple data assumed, 1 + 1 = 2', () => {
    const assessment = assessEnisa(evidence({ categories: [], persons: 10 }), {});
    expect(assessment).toMatchObject({ dpc: { value: 2 }, ei: { value: 0.75 }, se: 1.5, ernst: 'laag' });
    expect(assessment?.dpc.reasonNl).toContain('geen gegevenscategorieën bekend');
  });

  it('CB adds each circumstance: unknown recipients 0,5 + integrity 0,25 + availability 0,5 + malice 0,5 = 1,75 → 2 × 1 + 1,75 = 3,75 (hoog)', () => {
    const circumstances = enisaCircumstances({ confidentiality: 'unknown-recipients', integrity: 'recoverable', availability: 'permanent', maliciousIntent: true });
    const assessment = assessEnisa(evidence({}), {}, circumstances);
    expect(assessment).toMatchObject({ dpc: { value: 2 }, cb: { value: 1.75 }, se: 3.75, ernst: 'hoog' });
    expect(assessment?.cb.reasonNl).toContain('ontvangers onbekend in aantal (+0,5) (door de beoordelaar gekozen)');
    expect(assessment?.cb.reasonNl).toContain('kwade opzet (+0,5)');
    const other = assessEnisa(evidence({}), {}, { integrity: 'irrecoverable', availability: 'temporary' });
    expect(other?.cb.value).toBe(0.75);
  });

  it('the assessor can call viewed data merely exposed: CB 0, and the reason says who chose', () => {
    const assessment = assessEnisa(evidence({ personsViewed: 10, views: 10, users: 2 }), {}, { confidentiality: 'exposed' });
    expect(assessment?.cb.value).toBe(0);
    expect(assessment?.cb.reasonNl).toContain('(door de beoordelaar gekozen)');
  });

  it('a numeric CB override wins over the circumstances and keeps the proposal in its reason', () => {
    const assessment = assessEnisa(evidence({}), { cb: 1 }, { maliciousIntent: true });
    expect(assessment).toMatchObject({ cb: { value: 1, proposed: 0.5, overridden: true }, se: 3, ernst: 'hoog' });
    expect(assessment?.cb.reasonNl).toContain('voorstel 0,5');
  });

  it('bands at their borders', () => {
    expect([1.99, 2, 2.99, 3, 3.99, 4].map(severityBand)).toEqual(['laag', 'gemiddeld', 'gemiddeld', 'hoog', 'hoog', 'zeer hoog']);
  });

  it('validates overrides and circumstances, and needs all three factors without evidence', () => {
    expect(enisaOverrides({ dpc: 4, ei: 0.25, cb: 2 })).toEqual({ dpc: 4, ei: 0.25, cb: 2 });
    expect(() => enisaOverrides({ dpc: 0.5 })).toThrow(InvalidParameterError);
    expect(() => enisaOverrides({ ei: 1.5 })).toThrow(/enisa\.ei/);
    expect(() => enisaCircumstances({ integrity: 'lost' as 'none' })).toThrow(/enisa\.integrity/);
    expect(() => enisaCircumstances({ maliciousIntent: 'yes' as unknown as boolean })).toThrow(InvalidParameterError);
    expect(assessEnisa(null, { dpc: 3 })).toBeNull();
    expect(assessEnisa(null, { dpc: 3, ei: 1, cb: 0.5 })).toMatchObject({ se: 3.5, ernst: 'hoog' });
  });
});
