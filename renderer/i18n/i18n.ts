// The language context: translate(key, values) in the chosen language; Dutch by default.
import { createContext, useContext } from 'react';
import type { Language } from '../../shared/errors';
import { en } from './en';
import { nl, type MessageKey, type Messages } from './nl';

const MESSAGES: Record<Language, Messages> = { nl, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = MESSAGES[language];
  return (key, values) => {
    const text = messages[key];
    if (values === undefined) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
}

export interface LanguageContextValue {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

export const LanguageContext = createContext<LanguageContextValue>({
  language: 'nl',
  t: translator('nl'),
  setLanguage: () => undefined,
});

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}

/** Pick the message of a refusal in the current language. */
export function localized(error: { messageNl: string; messageEn: string }, language: Language): string {
  return language === 'nl' ? error.messageNl : error.messageEn;
}
