/** Russian plural categories of a count; Intl.PluralRules knows the rules (1, 21 — one; 2–4, 22 — few; 5–20, 11–14 — many; 1,5 — other). */
const russian = new Intl.PluralRules('ru');

/** The forms of a noun after a count: «обмен», «обмена», «обменов», and for fractions (other) the few form unless given. */
export interface WordForms {
  one: string;
  few: string;
  many: string;
  other?: string;
}

/** The form of the noun that goes with the count: pluralForm(4, обмен) → «обмена». */
export function pluralForm(count: number, forms: WordForms): string {
  const category = russian.select(count);
  if (category === 'one' || category === 'few' || category === 'many') return forms[category];
  return forms.other ?? forms.few;
}

/** The count with its noun: «4 обмена», «21 обмен», «11 обменов». */
export const countOf = (count: number, forms: WordForms) => `${count} ${pluralForm(count, forms)}`;
