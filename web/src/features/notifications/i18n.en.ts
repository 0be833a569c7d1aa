import type { EnglishOf } from '../../shared/i18n/english-of';
import type { ru } from './i18n';

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
