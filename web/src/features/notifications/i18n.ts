import type { EnglishOf } from '../../shared/i18n/english-of';
// Strings of the notifications area, merged into the app's resources by shared/i18n/index.ts. Same keys in both languages.
export const ru = {
  notifications: {
    bell: 'Уведомления',
    bellUnread_one: 'Уведомления: {{count}} непрочитанное',
    bellUnread_few: 'Уведомления: {{count}} непрочитанных',
    bellUnread_many: 'Уведомления: {{count}} непрочитанных',
    bellUnread_other: 'Уведомления: {{count}} непрочитанного',
    title: 'Уведомления',
    empty: 'Уведомлений пока нет.',
    readAll: 'Прочитать все',
    unread: 'Не прочитано',
  },
};

export const en: EnglishOf<typeof ru> = {
  notifications: {
    bell: 'Notifications',
    bellUnread_one: 'Notifications: {{count}} unread',
    bellUnread_other: 'Notifications: {{count}} unread',
    title: 'Notifications',
    empty: 'No notifications yet.',
    readAll: 'Mark all read',
    unread: 'Unread',
  },
};
