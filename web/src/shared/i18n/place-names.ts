import i18n from 'i18next';
import { transliterate } from '../../../../server/src/algorithms/transliterate';

/**
 * Region, municipality and subject names in the English interface. They are the region's data, stored
 * in Russian only; in English a name is shown as English maps give it: the established English name when
 * this list has one (the demo region's), otherwise transliterated as English maps write Russian names with
 * the kind of place — «г.», «район», «область» — put into English. The data keep one name, so a renamed
 * municipality needs no second field kept in step, and editing forms show the name as stored.
 */
const known: Record<string, string> = {
  'Демонстрационный регион „Орбита“': 'Orbita demonstration region',
  'г. Калининград': 'Kaliningrad',
  'г. Тюмень': 'Tyumen',
  'г. Новочеркасск': 'Novocherkassk',
  'г. Ярославль': 'Yaroslavl',
  'Павловский район': 'Pavlovsky District',
  'Ростовский район': 'Rostovsky District',
  'Калининградская область': 'Kaliningrad Oblast',
  'Тюменская область': 'Tyumen Oblast',
  'Ростовская область': 'Rostov Oblast',
  'Ярославская область': 'Yaroslavl Oblast',
  'Алтайский край': 'Altai Krai',
};

/** The kind of place, Russian word → English, and whether English puts it after the name. */
const kinds: [RegExp, string][] = [
  [/^г\.\s*/u, ''],
  [/^город\s+/iu, ''],
  [/\s+район$/u, ' District'],
  [/^район\s+/u, 'District of '],
  [/\s+область$/u, ' Oblast'],
  [/\s+край$/u, ' Krai'],
  [/^городской округ\s+/iu, 'Urban District of '],
  [/\s+городской округ$/iu, ' Urban District'],
  [/\s+муниципальный округ$/iu, ' Municipal District'],
  [/^муниципальный округ\s+/iu, 'Municipal District of '],
];

/** A place's name in the given language (the interface's by default); Russian names are shown as stored. */
export function placeName(name: string | null | undefined, language: string = i18n.language): string {
  if (!name) return name ?? '';
  if (language !== 'en') return name;
  const found = known[name];
  if (found) return found;
  let english = name.trim();
  for (const [pattern, replacement] of kinds) english = english.replace(pattern, replacement);
  return transliterate(english);
}
