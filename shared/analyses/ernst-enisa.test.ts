// The ENISA mapping: classes of data categories, the proposal for the January 2022 portal
// breach (simple data with names → medium), bands at their borders, and overrides.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors';
import { assessEnisa, dataKindOf, enisaOverrides, severityBand, type CategoryInfo } from './ernst-enisa';

const category = (code: string, omschrijving: string, bijzonder = false): CategoryInfo => ({ code, omschrijving, bijzonder });

describe('ENISA severity', () => {
  it('places categories in ENISA classes, bijzonder always sensitive', () => {
    expect(dataKindOf(category('NAW', 'Naam, adres, woonplaats'))).toBe('eenvoudig');
    expect(dataKindOf(category('LEN', 'Leningbedrag en betalingen'))).toBe('financieel');
    expect(dataKindOf(category('LOC', 'Opvanglocatie (azc)'))).toBe('gedrag');
    expect(dataKindOf(category('MED', 'Medische ontheffing'))).toBe('gevoelig');
    expect(dataKindOf(category('X', 'Overig', true))).toBe('gevoelig');
    // 'ras' only as a whole word: 'contrast' is not about race.
    expect(dataKindOf(category('C', 'Contrastgegevens'))).toBe('eenvoudig');
  });

  it('proposes 2 × 1 + 0,25 = 2,25 (medium) for the portal breach with names and stelsel', () => {
    const assessment = assessEnisa(
      { categories: [category('NAW', 'Naam, adres, woonplaats'), category('STL', 'Stelsel')], persons: 3000, municipalities: 120, views: 0 },
      {},
    );
    expect(assessment).toMatchObject({ dpc: { value: 2, overridden: false }, ei: { value: 1 }, cb: { value: 0.25 }, se: 2.25, ernst: 'gemiddeld' });
    expect(assessment?.cb.reasonNl).toContain('geen inzagen');
  });

  it('lowers EI without direct identifiers and keeps the highest class', () => {
    const assessment = assessEnisa({ categories: [category('STL', 'Stelsel'), category('LEN', 'Lening')], persons: 1, municipalities: 1, views: 2 }, {});
    expect(assessment).toMatchObject({ dpc: { value: 3 }, ei: { value: 0.75 }, se: 2.5, ernst: 'gemiddeld' });
    expect(assessment?.cb.reasonNl).toContain('2 inzagen');
  });

  it('bands at their borders', () => {
    expect([1.99, 2, 2.99, 3, 3.99, 4].map(severityBand)).toEqual(['laag', 'gemiddeld', 'gemiddeld', 'hoog', 'hoog', 'zeer hoog']);
  });

  it('validates overrides and needs all three factors without evidence', () => {
    expect(enisaOverrides({ dpc: 4, ei: 0.25, cb: 2 })).toEqual({ dpc: 4, ei: 0.25, cb: 2 });
    expect(() => enisaOverrides({ dpc: 0.5 })).toThrow(InvalidParameterError);
    expect(() => enisaOverrides({ ei: 1.5 })).toThrow(/enisa\.ei/);
    expect(assessEnisa(null, { dpc: 3 })).toBeNull();
    expect(assessEnisa(null, { dpc: 3, ei: 1, cb: 0.5 })).toMatchObject({ se: 3.5, ernst: 'hoog' });
  });
});
