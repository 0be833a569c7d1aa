import { composeLetter } from '../../platform/mail/letter';
import { absoluteUrl } from '../../platform/mail/links';

interface Recipient {
  fullName: string;
}

interface NotificationContent {
  title: string;
  body: string;
  link: string | null;
}

const WHY = 'Как часто присылать такие письма — сразу, раз в день одним письмом или не присылать — можно выбрать в разделе «Мой профиль».';

/** One notification as a letter, for people who want them at once. */
export function notificationLetter(person: Recipient, notification: NotificationContent) {
  return composeLetter({
    subject: notification.title,
    greeting: `Здравствуйте, ${person.fullName}!`,
    paragraphs: [notification.title, notification.body].filter(Boolean),
    action: { label: 'Открыть в «Орбите»', url: absoluteUrl(notification.link ?? '/') },
    footnote: WHY,
  });
}

/** The day's notifications in one letter, each with its own link, oldest first. */
export function digestLetter(person: Recipient, items: NotificationContent[]) {
  return composeLetter({
    subject: `Уведомления «Орбиты» за сутки: ${items.length}`,
    greeting: `Здравствуйте, ${person.fullName}!`,
    paragraphs: [`Новые уведомления в «Орбите» за сутки: ${items.length}.`],
    items: items.map((n) => ({ title: n.title, detail: n.body || undefined, url: absoluteUrl(n.link ?? '/') })),
    action: { label: 'Открыть «Орбиту»', url: absoluteUrl('/') },
    footnote: WHY,
  });
}
