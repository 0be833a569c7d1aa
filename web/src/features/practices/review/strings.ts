import { addStrings } from '../../../shared/i18n';
import { ru } from './i18n';

// The review's words come with its pages and the card's section: every file that uses them imports this module.
await addStrings(ru, () => import('./i18n.en'));
