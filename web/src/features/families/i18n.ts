// Strings of the families area, merged into the app's resources by shared/i18n/index.ts. Same keys in both languages.
export const ru = {};
export const en: typeof ru = {};
