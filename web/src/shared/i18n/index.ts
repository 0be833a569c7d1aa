import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import 'dayjs/locale/en';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import ru from './ru';
import { ru as notificationsRu } from '../../features/notifications/i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
// typed days (ДД.ММ.ГГГГ) in the date fields
dayjs.extend(customParseFormat);

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'orbita.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'ru') return v;
  } catch {
    // storage may be disabled; Russian is the default
  }
  return 'ru';
}

function applyLanguage(lng: string): void {
  dayjs.locale(lng === 'en' ? 'en' : 'ru');
  document.documentElement.lang = lng;
}

/**
 * The shell's Russian: the layout's (with the menu's entries and badges, the role menu and the guards of the areas'
 * routes), the home page's and the bell's. Every area's own words come with its pages (`features/<area>/strings.ts`
 * → `addStrings`), and no English rides with the shell.
 */
const shellAreas = [notificationsRu];

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: {
    ru: { translation: Object.assign({}, ru, ...shellAreas) },
  },
  lng: initial,
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', applyLanguage);

/** How to fetch each area's English, in the order the areas arrived (the shell's first). */
const englishLoaders: (() => Promise<void>)[] = [];

function englishOnce(load: () => Promise<{ en: object }>): () => Promise<void> {
  let loaded: Promise<void> | undefined;
  return () => (loaded ??= load().then((m) => void i18n.addResourceBundle('en', 'translation', m.en, true, true)));
}

/**
 * English comes with its own requests, only to those who choose English (Russian is the default and most people's):
 * the shell's in one chunk (./english.ts), each area's with the area.
 */
englishLoaders.push(englishOnce(() => import('./english')));

function loadEnglish(): Promise<void> {
  return Promise.all(englishLoaders.map((load) => load())).then(() => undefined);
}

/**
 * An area's words, added when its first page's chunk runs (`await addStrings(ru, () => import('./i18n.en'))` in the
 * area's strings.ts): Russian at once; English fetched now when the interface is in English — the area's pages
 * wait for it, so no Russian flashes in between — or when the visitor switches to English.
 */
export function addStrings(ruStrings: object, english: () => Promise<{ en: object }>): Promise<void> {
  i18n.addResourceBundle('ru', 'translation', ruStrings, true, true);
  const load = englishOnce(english);
  englishLoaders.push(load);
  return i18n.language === 'en' ? load() : Promise.resolve();
}

// before the first render, so that an English visitor never sees Russian in between; choosing the language again
// once its words are there makes i18next resolve to it (the server's messages follow `resolvedLanguage`)
if (initial === 'en') await loadEnglish().then(() => i18n.changeLanguage('en'));

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore: the choice then lasts for this visit only
  }
  void (lng === 'en' ? loadEnglish() : Promise.resolve()).then(() => i18n.changeLanguage(lng));
}

export default i18n;
