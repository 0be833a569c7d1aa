import { type Letter, composeLetter } from '../../platform/mail/letter';

/** The letters of a person's own account: a registration, a password reset and the steps of an e-mail change. */

const greeting = (fullName: string) => `Здравствуйте, ${fullName}!`;

export function passwordResetLetter(input: { fullName: string; url: string }): Letter {
  return composeLetter({
    subject: 'Восстановление пароля в «Орбите»',
    greeting: greeting(input.fullName),
    paragraphs: [
      'Для вашей учётной записи в «Орбите» запросили восстановление пароля.',
      'Чтобы задать новый пароль, откройте ссылку ниже. После этого на всех устройствах нужно будет войти заново.',
    ],
    action: { label: 'Задать новый пароль', url: input.url },
    footnote: 'Ссылка действует 1 час и только один раз. Если вы не запрашивали восстановление, не открывайте её — пароль останется прежним.',
  });
}

export function emailChangeConfirmationLetter(input: { fullName: string; newEmail: string; url: string }): Letter {
  return composeLetter({
    subject: 'Подтвердите новый адрес почты в «Орбите»',
    greeting: greeting(input.fullName),
    paragraphs: [
      `Этот адрес (${input.newEmail}) указан как новый адрес почты вашей учётной записи в «Орбите».`,
      'Подтвердите его: после этого входить нужно будет с ним, и письма платформы будут приходить сюда.',
    ],
    action: { label: 'Подтвердить адрес', url: input.url },
    footnote: 'Ссылка действует 24 часа и только один раз. Если вы не меняли адрес, не открывайте её.',
  });
}

/** To the address in use: someone asked to move the account to another address. */
export function emailChangeNoticeLetter(input: { fullName: string; newEmail: string; forgotPasswordUrl: string }): Letter {
  return composeLetter({
    subject: 'Запрошена смена адреса почты в «Орбите»',
    greeting: greeting(input.fullName),
    paragraphs: [
      `Для вашей учётной записи в «Орбите» запросили смену адреса почты на ${input.newEmail}. Адрес сменится, только когда его подтвердят по ссылке из письма, отправленного на новый адрес.`,
      'Если это были не вы, смените пароль — запрос смены адреса тогда отменится. Если не помните пароль, восстановите его.',
    ],
    action: { label: 'Восстановить пароль', url: input.forgotPasswordUrl },
    footnote: 'Если адрес меняли вы, ничего делать не нужно.',
  });
}

/** To an address that already has an account, instead of a confirmation link: nothing changes, and the requester is not told. */
export function addressTakenLetter(input: { fullName: string; forgotPasswordUrl: string }): Letter {
  return composeLetter({
    subject: 'Ваш адрес указали в «Орбите»',
    greeting: greeting(input.fullName),
    paragraphs: [
      'Этот адрес почты попытались указать как новый для другой учётной записи в «Орбите». С этим адресом у вас уже есть учётная запись, поэтому ничего не изменилось.',
      'Если это были вы, входите с этим адресом; если не помните пароль, восстановите его.',
    ],
    action: { label: 'Восстановить пароль', url: input.forgotPasswordUrl },
    footnote: 'Если вы ничего не меняли, просто не обращайте внимания на это письмо.',
  });
}

/** To the owner of an account whose sign-in was locked after many wrong passwords: at most one a day. */
export function signInLockedLetter(input: { fullName: string; minutes: number; forgotPasswordUrl: string }): Letter {
  return composeLetter({
    subject: 'Много неудачных попыток войти в «Орбиту»',
    greeting: greeting(input.fullName),
    paragraphs: [
      `В вашу учётную запись в «Орбите» много раз подряд пытались войти с неверным паролем, поэтому вход с паролем закрыт на ${input.minutes} минут.`,
      'Если это были вы и вы не помните пароль, восстановите его по ссылке ниже: по ней вы сразу войдёте. Если это были не вы, пароль никто не узнал, но лучше сменить его на новый, который вы нигде больше не используете.',
    ],
    action: { label: 'Восстановить пароль', url: input.forgotPasswordUrl },
    footnote: 'Это письмо приходит не чаще раза в сутки.',
  });
}

/**
 * To an address a parent registers with: the link that finishes the registration. The greeting names nobody, as
 * the name was typed by whoever filled the form, and a letter to a stranger should carry none of their text.
 */
export function registrationLetter(input: { url: string }): Letter {
  return composeLetter({
    subject: 'Завершите регистрацию в «Орбите»',
    greeting: 'Здравствуйте!',
    paragraphs: [
      'С этим адресом почты начали регистрацию родителя (законного представителя) в «Орбите».',
      'Чтобы завершить её, откройте ссылку ниже и придумайте пароль — после этого вы сразу войдёте и сможете добавить детей.',
    ],
    action: { label: 'Завершить регистрацию', url: input.url },
    footnote: 'Ссылка действует 24 часа и только один раз. Если вы не регистрировались, не открывайте её — учётная запись не будет создана.',
  });
}

/** To an address that already has an account, instead of a registration link: the requester is not told. */
export function alreadyRegisteredLetter(input: { fullName: string; signInUrl: string; forgotPasswordUrl: string }): Letter {
  return composeLetter({
    subject: 'У вас уже есть учётная запись в «Орбите»',
    greeting: greeting(input.fullName),
    paragraphs: [
      'С этим адресом почты попытались зарегистрироваться в «Орбите». У вас уже есть учётная запись с этим адресом, поэтому новая не создана.',
      `Войдите с этим адресом или восстановите пароль, если не помните его: ${input.forgotPasswordUrl}`,
    ],
    action: { label: 'Войти', url: input.signInUrl },
    footnote: 'Если вы не регистрировались, просто не обращайте внимания на это письмо: ваша учётная запись не изменилась.',
  });
}
