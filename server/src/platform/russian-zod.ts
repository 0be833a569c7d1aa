import { z } from 'zod';

/**
 * Russian messages for every zod check that does not name its own: a field without a custom message
 * must still answer in Russian. Imported once by the HTTP app; zod reads the map when it validates.
 */
const typeNames: Record<string, string> = {
  string: 'строка',
  number: 'число',
  int: 'целое число',
  bigint: 'целое число',
  boolean: 'да или нет (true/false)',
  object: 'объект',
  array: 'список',
  date: 'дата',
  null: 'пустое значение (null)',
  undefined: 'пусто',
  nan: 'не число',
};

const formatNames: Record<string, string> = {
  uuid: 'Неверный идентификатор',
  email: 'Неверный адрес электронной почты',
  url: 'Неверный адрес сайта',
  date: 'Дата — в формате ГГГГ-ММ-ДД',
  datetime: 'Дата и время — в формате ISO 8601 с часовым поясом',
  time: 'Время — в формате ЧЧ:ММ',
};

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

type Issue = z.core.$ZodRawIssue;

export function russianIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Обязательное поле';
      return `Ожидается ${typeNames[issue.expected] ?? issue.expected}, получено: ${typeNames[typeOf(issue.input)] ?? typeOf(issue.input)}`;
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Не длиннее ${max} символов`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Не больше ${max} элементов`;
      return issue.inclusive === false ? `Меньше ${max}` : `Не больше ${max}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'Не может быть пустым' : `Не короче ${min} символов`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Не меньше ${min} элементов`;
      return issue.inclusive === false ? `Больше ${min}` : `Не меньше ${min}`;
    }
    case 'invalid_format':
      return formatNames[issue.format] ?? 'Неверный формат';
    case 'invalid_value':
      return `Допустимые значения: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Неизвестные поля: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Должно быть кратно ${issue.divisor}`;
    default:
      return 'Неверное значение';
  }
}

z.config({ customError: russianIssueMessage });
