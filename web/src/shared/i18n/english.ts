// Everything English the shell shows, in one chunk fetched only for English (shared/i18n/index.ts): the base
// dictionary and the areas the layout shows. Other areas' English comes with them (features/<area>/i18n.en.ts).
import base from './en';
import { en as families } from '../../features/families/i18n.en';
import { en as notifications } from '../../features/notifications/i18n.en';
import { en as outbox } from '../../features/outbox/i18n.en';
import { en as people } from '../../features/people/i18n.en';
import { en as profile } from '../../features/profile/i18n.en';
import { en as staffImport } from '../../features/staff-imports/i18n.en';
import { en as desk } from '../../features/desk/i18n.en';

export const en: object = Object.assign({}, base, families, notifications, outbox, people, profile, staffImport, desk);
