/**
 * The English twin of a feature's Russian dictionary: the same keys, without the plural forms only Russian
 * has (`_few`, `_many`) — i18next asks English for `_one` and `_other` alone.
 */
export type EnglishOf<T> = {
  [K in keyof T as K extends `${string}_${'few' | 'many'}` ? never : K]: T[K] extends string ? string : EnglishOf<T[K]>;
};
