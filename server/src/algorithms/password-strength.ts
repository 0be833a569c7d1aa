// How hard a password is to guess, by @zxcvbn-ts with its common-password list and a Russian one. Pure: the
// server refuses a weak password with this verdict, and the web form shows the same one as the person types.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-length';
import { russianCommonPasswords } from './russian-common-passwords';
import { transliterate } from './transliterate';

/** The estimator reads this many characters; a password that is strong there stays strong with more after it. */
const ESTIMATED_LENGTH = 64;
/** zxcvbn's 3: about 10^8 guesses or more, which argon2 makes years of work offline. */
const MIN_SCORE = 3;

const translations = {
  warnings: {
    straightRow: 'ряд клавиш подряд легко подобрать',
    keyPattern: 'узор на клавиатуре легко подобрать',
    simpleRepeat: 'повтор вроде «ааа» легко подобрать',
    extendedRepeat: 'повтор вроде «абвабвабв» подобрать чуть труднее, чем «абв», но всё равно легко',
    sequences: 'последовательность вроде «абв» или «6543» легко подобрать',
    recentYears: 'недавние годы легко подобрать',
    dates: 'даты легко подобрать',
    topTen: 'это один из самых частых паролей',
    topHundred: 'это один из очень частых паролей',
    common: 'это частый пароль',
    similarToCommon: 'это похоже на частый пароль',
    wordByItself: 'одно слово легко подобрать',
    namesByThemselves: 'имена и фамилии сами по себе легко подобрать',
    commonNames: 'частые имена и фамилии легко подобрать',
    userInputs: 'в пароле ваши имя или адрес почты',
    pwned: 'этот пароль есть в утёкших базах',
  },
  suggestions: {
    l33t: 'Замена букв похожими знаками («@» вместо «a») не помогает.',
    reverseWords: 'Слово задом наперёд не помогает.',
    allUppercase: 'Заглавные буквы лучше ставить в середине, а не все подряд.',
    capitalization: 'Заглавная первая буква мало что добавляет.',
    dates: 'Не используйте даты, связанные с вами.',
    recentYears: 'Не используйте недавние годы.',
    associatedYears: 'Не используйте годы, связанные с вами.',
    sequences: 'Не используйте последовательности букв и цифр.',
    repeated: 'Не повторяйте слова и символы.',
    longerKeyboardPattern: 'Узор на клавиатуре должен быть длиннее и с поворотами.',
    anotherWord: 'Добавьте ещё слова, которые трудно угадать.',
    useWords: 'Возьмите несколько слов, не связанных между собой: фраза надёжнее одного слова.',
    noNeed: 'Обязательных символов нет: достаточно нескольких слов, не связанных между собой.',
    pwned: 'Если вы используете этот пароль где-то ещё, смените его там.',
  },
  timeEstimation: {
    ltSecond: 'меньше секунды',
    second: '{base} секунда',
    seconds: '{base} секунд',
    minute: '{base} минута',
    minutes: '{base} минут',
    hour: '{base} час',
    hours: '{base} часов',
    day: '{base} день',
    days: '{base} дней',
    month: '{base} месяц',
    months: '{base} месяцев',
    year: '{base} год',
    years: '{base} лет',
    centuries: 'века',
  },
};

let estimator: ZxcvbnFactory | undefined;
// Built on first use: ranking the dictionaries takes a moment that a process that never checks a password need not spend.
const theEstimator = () =>
  (estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    // The name tells zxcvbn to word its warning as for a common password.
    dictionary: { ...dictionary, 'passwords-russian': [...russianCommonPasswords] },
    // Only so much is read: repeats in a long password cost time that grows faster than its length.
    maxLength: ESTIMATED_LENGTH,
  }));

export interface PasswordVerdict {
  /** 0 (guessed at once) to 4 (very hard), as zxcvbn counts. */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** Why a password is refused, in Russian, as a sentence; null for an acceptable one. */
  problem: string | null;
  /** The same, short, to show under the field. */
  hint: string | null;
}


/** The person's own words, which a password must not lean on: the address, its mailbox's parts, the name and its parts, in Cyrillic and Latin. */
export function personalWords(person: { email?: string | null; fullName?: string | null }): string[] {
  const email = person.email?.trim().toLowerCase() ?? '';
  const name = person.fullName?.trim().toLowerCase() ?? '';
  const nameParts = name.split(/[\s.-]+/);
  // The mailbox's name is the person's; the domain after @ is the mail service's or the employer's.
  const mailbox = email.split('@')[0];
  const parts = [...mailbox.split(/[.+_-]+/), ...nameParts, ...nameParts.map(transliterate)].filter((part) => part.length >= 3);
  return [...new Set([email, name, transliterate(name), ...parts].filter(Boolean))];
}

/**
 * True when little is left of the password without the person's words, digits and signs: «AnnaPetrova1» scores
 * well as two words and a digit, yet anyone who knows the person tries it first.
 */
function leansOnPersonalWords(password: string, personal: readonly string[]) {
  const lowered = password.toLowerCase();
  let rest = lowered;
  for (const word of [...personal].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  return rest !== lowered && rest.replace(/[^\p{L}]/gu, '').length < PASSWORD_MIN_LENGTH / 2;
}

/** Whether a new password may be used, and if not, why (with the estimator's advice). */
export function assessPassword(password: string, personal: readonly string[]): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { score: 0, acceptable: false, problem: `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов.`, hint: `Не короче ${PASSWORD_MIN_LENGTH} символов` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { score: 0, acceptable: false, problem: `Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов.`, hint: `Не длиннее ${PASSWORD_MAX_LENGTH} символов` };
  }
  const result = theEstimator().check(password, [...personal]);
  const personalOnly = leansOnPersonalWords(password, personal);
  if (result.score >= MIN_SCORE && !personalOnly) return { score: result.score, acceptable: true, problem: null, hint: null };
  const why = personalOnly ? translations.warnings.userInputs : (result.feedback.warning ?? 'его легко подобрать');
  const advice = result.feedback.suggestions.length ? result.feedback.suggestions.join(' ') : translations.suggestions.useWords;
  return { score: result.score, acceptable: false, problem: `Пароль слишком простой: ${why}. ${advice}`, hint: `Слишком простой: ${why}. ${advice}` };
}
