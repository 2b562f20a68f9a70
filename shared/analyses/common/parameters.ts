// Validation of table requests: every parameter a caller gives is checked here and turned
// into a typed InvalidParameterError with a Dutch and English message; defaults are filled
// in so each table can state exactly the parameters it used.
import { InvalidParameterError } from '../../errors';
import type { TableRequest } from '../../tables/definition';
import { DOELGROEPEN, type Doelgroep } from '../../snapshot/vocabulary';
import type { OpenedSnapshot } from '../../snapshot/types';
import { isValidDate } from '../../dates';

export const DEFAULT_DREMPEL_CENT = 950_000;
export const DEFAULT_DREMPEL_B_CENT = 750_000;
export const DEFAULT_MAANDEN_B = 12;

export function checkDate(parameter: string, value: string): string {
  if (!isValidDate(value)) {
    throw new InvalidParameterError(
      parameter,
      `'${value}' is geen geldige datum in de vorm JJJJ-MM-DD.`,
      `'${value}' is not a valid date of the form YYYY-MM-DD.`,
    );
  }
  return value;
}

/** The reference dates asked for, or the snapshot's peildatum. */
export function peildataOf(request: TableRequest, snapshot: OpenedSnapshot): string[] {
  const peildata = request.peildata ?? [];
  if (peildata.length === 0) return [checkDate('peildatum', snapshot.meta.peildatum)];
  return peildata.map((date) => checkDate('peildatum', date));
}

/** The one reference date of a single-date table. */
export function peildatumOf(request: TableRequest, snapshot: OpenedSnapshot): string {
  const peildata = peildataOf(request, snapshot);
  if (peildata.length > 1) {
    throw new InvalidParameterError(
      'peildatum',
      `deze tabel heeft één peildatum, er zijn er ${peildata.length} opgegeven.`,
      `this table takes one reference date, ${peildata.length} were given.`,
    );
  }
  return peildata[0]!;
}

/** A doelgroep given as text on the command line (`parameter` names the option in the message). */
export function checkDoelgroep(parameter: string, value: string): Doelgroep {
  const found = DOELGROEPEN.find((each) => each === value);
  if (found === undefined) {
    throw new InvalidParameterError(parameter, `'${value}' is geen doelgroep; kies ${DOELGROEPEN.join(', ')}.`, `'${value}' is not a doelgroep; choose ${DOELGROEPEN.join(', ')}.`);
  }
  return found;
}

export function doelgroepOf(request: TableRequest): Doelgroep {
  const doelgroep = request.doelgroep ?? 'asiel';
  if (!DOELGROEPEN.includes(doelgroep)) {
    throw new InvalidParameterError(
      'doelgroep',
      `'${String(doelgroep)}' is onbekend; kies asiel, gezin of overig.`,
      `'${String(doelgroep)}' is unknown; choose asiel, gezin or overig.`,
    );
  }
  return doelgroep;
}

export function amountOf(parameter: string, value: number | undefined, fallback: number): number {
  const amount = value ?? fallback;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new InvalidParameterError(
      parameter,
      `'${String(value)}' is geen bedrag van nul of meer hele centen.`,
      `'${String(value)}' is not an amount of zero or more whole cents.`,
    );
  }
  return amount;
}

export function wholeNumberOf(parameter: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const number = value ?? fallback;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new InvalidParameterError(
      parameter,
      `'${String(value)}' is geen geheel getal van ${min} tot en met ${max}.`,
      `'${String(value)}' is not a whole number from ${min} to ${max}.`,
    );
  }
  return number;
}

export function optionalYearOf(parameter: string, value: number | undefined): number | null {
  return value === undefined ? null : wholeNumberOf(parameter, value, 0, 1900, 2200);
}

export interface Period {
  vanaf: string | null;
  tot_en_met: string | null;
}

export function periodOf(request: TableRequest): Period {
  const vanaf = request.vanaf === undefined ? null : checkDate('vanaf', request.vanaf);
  const totEnMet = request.tot_en_met === undefined ? null : checkDate('tot_en_met', request.tot_en_met);
  if (vanaf !== null && totEnMet !== null && vanaf > totEnMet) {
    throw new InvalidParameterError(
      'vanaf',
      `de periode begint (${vanaf}) na het einde (${totEnMet}).`,
      `the period starts (${vanaf}) after it ends (${totEnMet}).`,
    );
  }
  return { vanaf, tot_en_met: totEnMet };
}

/** Whether a date lies in a period (both ends inclusive). */
export function inPeriod(date: string, period: Period): boolean {
  return (period.vanaf === null || date >= period.vanaf) && (period.tot_en_met === null || date <= period.tot_en_met);
}
