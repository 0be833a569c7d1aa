import { type Letter, composeLetter } from '../../platform/mail/letter';
import type { PlacedRole } from './role-target';
import { roleLabels } from './roles';

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** «28 июня 2025 г. в 14:05» in the region's time zone: the moment a link stops working, as the reader's clock shows it. */
export function regionInstantText(instant: Date, timeZone: string): string {
  let formatter = instantFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', timeZone });
    instantFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** «педагог в «СОШ № 1» (Городской округ Первый)», «специалист органа управления образованием — Второй район», «эксперт». */
export function describeRole(placed: PlacedRole): string {
  const label = roleLabels[placed.target.role];
  if (placed.organizationName) return `${label} в «${placed.organizationName}»${placed.municipalityName ? ` (${placed.municipalityName})` : ''}`;
  if (placed.municipalityName) return `${label} — ${placed.municipalityName}`;
  return label;
}

export interface InvitationLetterInput {
  fullName: string;
  inviterName: string;
  placed: PlacedRole;
  url: string;
  /** When the link stops working, already in the region's words (`regionInstantText`). */
  validUntil: string;
  /** The address already has an account: accepting adds the role to it. */
  accountExists: boolean;
  /** A second copy of the link (the first one no longer works). */
  resent: boolean;
}

export function invitationLetter(input: InvitationLetterInput): Letter {
  const role = describeRole(input.placed);
  return composeLetter({
    subject: `${input.resent ? 'Новая ссылка: приглашение' : 'Приглашение'} в «Орбиту» — ${role}`,
    greeting: `Здравствуйте, ${input.fullName}!`,
    paragraphs: [
      `${input.inviterName} приглашает вас на платформу «Орбита»: ${role}.`,
      input.accountExists
        ? 'У вас уже есть учётная запись с этим адресом. Откройте ссылку, войдите в свою учётную запись и примите приглашение — новая роль добавится к вашим.'
        : 'Откройте ссылку и придумайте пароль — учётная запись будет готова сразу, и вы увидите свои разделы.',
      ...(input.resent ? ['Ссылка из прошлого письма больше не действует: используйте эту.'] : []),
    ],
    action: { label: 'Принять приглашение', url: input.url },
    footnote: `Ссылка действует до ${input.validUntil} и только один раз. Если вы не ждали этого письма, ничего не делайте: без перехода по ссылке учётная запись не появится. Вопросы — к тому, кто вас пригласил.`,
  });
}

/** A reason as the end of a sentence: «Причина: перевод из другой школы.» with one full stop, whatever was typed. */
const asClause = (reason: string) => reason.trim().replace(/[.!…\s]+$/u, '');

/** To a person who was given a role directly (not through an invitation): what, by whom and why. */
export function roleGrantedLetter(input: { fullName: string; granterName: string; placed: PlacedRole; reason: string; publicUrl: string }): Letter {
  const role = describeRole(input.placed);
  return composeLetter({
    subject: `Новая роль в «Орбите» — ${role}`,
    greeting: `Здравствуйте, ${input.fullName}!`,
    paragraphs: [`${input.granterName} добавил(а) вам роль: ${role}. Причина: ${asClause(input.reason)}.`, 'Войдите в «Орбиту» — новые разделы уже открыты.'],
    action: { label: 'Открыть «Орбиту»', url: input.publicUrl },
    footnote: 'Если вы не ждали этого письма, сообщите тому, кто добавил роль, или оператору платформы.',
  });
}

/** To a person whose account was switched off: why, and whom to ask. */
export function deactivatedLetter(input: { fullName: string; reason: string }): Letter {
  return composeLetter({
    subject: 'Учётная запись в «Орбите» отключена',
    greeting: `Здравствуйте, ${input.fullName}!`,
    paragraphs: [
      `Оператор платформы отключил вашу учётную запись. Причина: ${asClause(input.reason)}.`,
      'Войти больше нельзя; всё, что вы подписали и сделали раньше, сохраняется. Если это ошибка, обратитесь к оператору платформы.',
    ],
  });
}

/** To a person invited to a council seat outside the member organisations: an account with no role, not staff of anything. */
export function seatInvitationLetter(input: { fullName: string; inviterName: string; seatDescription: string; url: string; validUntil: string; accountExists: boolean }): Letter {
  return composeLetter({
    subject: `Приглашение в «Орбиту» — ${input.seatDescription}`,
    greeting: `Здравствуйте, ${input.fullName}!`,
    paragraphs: [
      `${input.inviterName} приглашает вас на платформу «Орбита»: ${input.seatDescription}.`,
      'Учётная запись нужна, чтобы получать приглашения на заседания, читать проекты протоколов и участвовать в работе совета. Сотрудником какой-либо организации она вас не делает.',
      input.accountExists
        ? 'У вас уже есть учётная запись с этим адресом. Откройте ссылку, войдите в неё и примите приглашение — место в совете добавится к ней.'
        : 'Откройте ссылку и придумайте пароль — учётная запись будет готова сразу.',
    ],
    action: { label: 'Принять приглашение', url: input.url },
    footnote: `Ссылка действует до ${input.validUntil} и только один раз. Если вы не ждали этого письма, ничего не делайте: без перехода по ссылке учётная запись не появится.`,
  });
}
