/**
 * Indonesian first, English second (STYLE.md, Front end). One namespace per group of screens:
 * `common` (the shell) ships with the first script; `analyst`, `auditor`, `citizen`, `cases`
 * (what citizens, facilitators and operators read of a case) and `operator` (the operator's
 * and facilitator's screens) come with the screens that use them (`src/i18n/ns/`), both
 * languages at once, so a citizen's phone never downloads an operator's words. The reader's
 * choice is kept in localStorage: it is not personal.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../format/format.ts';
import type analystId from './locales/id/analyst.json';
import type auditorId from './locales/id/auditor.json';
import type casesId from './locales/id/cases.json';
import type citizenId from './locales/id/citizen.json';
import commonEn from './locales/en/common.json';
import commonId from './locales/id/common.json';
import type operatorId from './locales/id/operator.json';

/** Every namespace's Indonesian words: the keys the type checker holds `t()` to. */
export interface Resources {
  common: typeof commonId;
  analyst: typeof analystId;
  auditor: typeof auditorId;
  citizen: typeof citizenId;
  cases: typeof casesId;
  operator: typeof operatorId;
}
export type Namespace = keyof Resources;

const LANGUAGE_KEY = 'tepat.language';
/** Namespaces a screen's module brought before i18next started (it adds them at init). */
const early: Record<Locale, Record<string, object>> = { id: { common: commonId }, en: { common: commonEn } };

/** Called by a screen group's module as it loads (src/i18n/ns/): its words in both languages. */
export function addNamespace<N extends Exclude<Namespace, 'common'>>(ns: N, words: { id: Resources[N]; en: Resources[N] }) {
  for (const language of ['id', 'en'] as const) {
    if (i18next.isInitialized) i18next.addResourceBundle(language, ns, words[language], true, false);
    else early[language][ns] = words[language];
  }
}

function chosenLanguage(): Locale {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export async function startI18n() {
  await i18next.use(initReactI18next).init({
    resources: early,
    lng: chosenLanguage(),
    fallbackLng: 'id',
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    // Nothing to fetch: every namespace is added by the module of the screens that use it.
    partialBundledLanguages: true,
  });
  document.documentElement.lang = i18next.language;
}

export async function setLanguage(language: Locale) {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
  }
}
