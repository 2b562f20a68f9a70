// One date field for every date input: typed as dd-mm-jjjj (day first, in the interface's
// language, never the browser's locale) or picked in a small calendar, with a clear
// message for a date that is malformed or does not exist. The value is ISO 'YYYY-MM-DD';
// onChange is called only with a valid date (or '' when an optional field is emptied).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { MONTH_NAMES_NL } from '../../shared/format/dates';
import { MONTH_NAMES_EN } from '../../shared/format/parameters';
import { useLanguage } from '../i18n/i18n';
import { displayDate, monthGrid, parseDateInput, type DateInputResult } from './date-input';

interface Props {
  label: string;
  value: string;
  onChange(iso: string): void;
  /** Hide the label visually (it stays the field's accessible name). */
  hideLabel?: boolean;
  /** An empty field is fine (e.g. a date still to be added). */
  optional?: boolean;
  /** 'inline': label beside the field. */
  layout?: 'stacked' | 'inline';
  testId?: string;
  onEnter?(): void;
}

const pad = (value: number) => String(value).padStart(2, '0');

function today(): { year: number; month: number } {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1 };
}

export function DateField({ label, value, onChange, hideLabel = false, optional = false, layout = 'stacked', testId, onEnter }: Props) {
  const { t, language } = useLanguage();
  const id = useId();
  const [text, setText] = useState(displayDate(value));
  const [problem, setProblem] = useState<DateInputResult | null>(null);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(() => (value === '' ? today() : { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) }));
  const toggle = useRef<HTMLButtonElement>(null);
  const calendar = useRef<HTMLDivElement>(null);

  // A value set from outside (a reset, another screen) replaces what was typed; adjusted
  // while rendering, as React advises, rather than in an effect.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    const parsed = parseDateInput(text);
    if (!(parsed.ok && parsed.iso === value)) setText(displayDate(value));
  }

  useEffect(() => {
    if (!open) return;
    const target = calendar.current?.querySelector<HTMLButtonElement>('button[aria-current="date"]') ?? calendar.current?.querySelector<HTMLButtonElement>('button[data-day]');
    target?.focus();
  }, [open, shown]);

  function typed(next: string) {
    setText(next);
    const parsed = parseDateInput(next);
    if (parsed.ok) {
      setProblem(null);
      if (parsed.iso !== value) onChange(parsed.iso);
    } else if (parsed.reason === 'empty' && optional) {
      setProblem(null);
      if (value !== '') onChange('');
    }
  }

  /** Messages wait until the person leaves the field or presses Enter, not while typing. */
  function check() {
    const parsed = parseDateInput(text);
    setProblem(parsed.ok || (parsed.reason === 'empty' && optional) ? null : parsed);
  }

  function message(result: DateInputResult): string {
    if (result.ok) return '';
    switch (result.reason) {
      case 'empty':
        return t('dateRequired');
      case 'nonexistent':
        return t('dateNonexistent', { text: text.trim() });
      case 'range':
        return t('dateOutOfRange');
      default:
        return t('dateInvalidFormat');
    }
  }

  function pick(day: number) {
    const iso = `${shown.year}-${pad(shown.month)}-${pad(day)}`;
    setText(displayDate(iso));
    setProblem(null);
    setOpen(false);
    onChange(iso);
    toggle.current?.focus();
  }

  function step(months: number) {
    setShown(({ year, month }) => {
      const index = year * 12 + (month - 1) + months;
      return { year: Math.floor(index / 12), month: (index % 12) + 1 };
    });
  }

  function onCalendarKey(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    }
  }

  const months = language === 'nl' ? MONTH_NAMES_NL : MONTH_NAMES_EN;
  const weekdays = t('dateWeekdays').split(',');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = problem === null ? '' : message(problem);

  return (
    <div className={`field date-field${layout === 'inline' ? ' inline' : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>{label}</label>
      <div className="date-row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          size={11}
          placeholder={t('dateFormatHint')}
          value={text}
          onChange={(event) => typed(event.target.value)}
          onBlur={check}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            check();
            onEnter?.();
          }}
          aria-invalid={error === '' ? undefined : true}
          aria-describedby={error === '' ? hintId : `${errorId} ${hintId}`}
          data-testid={testId}
        />
        <button
          ref={toggle}
          type="button"
          className="secondary date-toggle"
          aria-label={t('datePickerOpen', { label })}
          aria-expanded={open}
          onClick={() => {
            const parsed = parseDateInput(text);
            if (parsed.ok) setShown({ year: Number(parsed.iso.slice(0, 4)), month: Number(parsed.iso.slice(5, 7)) });
            setOpen(!open);
          }}
          data-testid={testId === undefined ? undefined : `${testId}-picker`}
        >
          <span aria-hidden="true">▦</span>
        </button>
      </div>
      <span id={hintId} className="muted small date-hint">{t('dateFormatHint')}</span>
      {error !== '' && <span id={errorId} className="field-error" role="alert">{error}</span>}
      {open && (
        <div ref={calendar} className="calendar" role="dialog" aria-label={t('datePickerTitle', { label })} onKeyDown={onCalendarKey}>
          <div className="calendar-head">
            <button type="button" className="plain" onClick={() => step(-1)} aria-label={t('datePreviousMonth')}>‹</button>
            <span aria-live="polite">{months[shown.month - 1]} {shown.year}</span>
            <button type="button" className="plain" onClick={() => step(1)} aria-label={t('dateNextMonth')}>›</button>
          </div>
          <table>
            <thead>
              <tr>{weekdays.map((day) => <th key={day} scope="col">{day}</th>)}</tr>
            </thead>
            <tbody>
              {monthGrid(shown.year, shown.month).map((week, index) => (
                <tr key={index}>
                  {week.map((day, column) => (
                    <td key={column}>
                      {day !== null && (
                        <button
                          type="button"
                          className="plain"
                          data-day={day}
                          aria-label={`${day} ${months[shown.month - 1]} ${shown.year}`}
                          aria-current={value === `${shown.year}-${pad(shown.month)}-${pad(day)}` ? 'date' : undefined}
                          onClick={() => pick(day)}
                        >
                          {day}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
