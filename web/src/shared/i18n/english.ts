// Everything English the shell shows, in one chunk fetched only for English (shared/i18n/index.ts): the base
// dictionary and the bell's. Each area's English comes with the area (features/<area>/i18n.en.ts).
import base from './en';
import { en as notifications } from '../../features/notifications/i18n.en';

export const en: object = Object.assign({}, base, notifications);
