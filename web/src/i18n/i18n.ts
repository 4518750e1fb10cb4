/**
 * Indonesian first, English second (STYLE.md, Front end). One namespace per group of screens
 * (common, analyst, auditor, citizen), so the facilitator and operator screens bring their
 * own. The reader's choice is kept in localStorage: it is not personal.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../format/format.ts';
import analystEn from './locales/en/analyst.json';
import auditorEn from './locales/en/auditor.json';
import citizenEn from './locales/en/citizen.json';
import commonEn from './locales/en/common.json';
import analystId from './locales/id/analyst.json';
import auditorId from './locales/id/auditor.json';
import citizenId from './locales/id/citizen.json';
import commonId from './locales/id/common.json';

export const resources = {
  id: { common: commonId, analyst: analystId, auditor: auditorId, citizen: citizenId },
  en: { common: commonEn, analyst: analystEn, auditor: auditorEn, citizen: citizenEn },
} as const;

export const NAMESPACES = ['common', 'analyst', 'auditor', 'citizen'] as const;
const LANGUAGE_KEY = 'tepat.language';

function chosenLanguage(): Locale {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export async function startI18n() {
  await i18next.use(initReactI18next).init({
    resources,
    lng: chosenLanguage(),
    fallbackLng: 'id',
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
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
    resources: (typeof resources)['id'];
  }
}
