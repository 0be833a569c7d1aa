// Strings of the notifications area, in the shell's Russian (shared/i18n/index.ts). Same keys in English (./i18n.en.ts).
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
