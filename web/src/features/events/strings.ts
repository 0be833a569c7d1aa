import { addStrings } from '../../shared/i18n';
import { ru } from './i18n';

// This area's words come with its pages, not with the shell: every file that uses them imports this module, so they
// are in i18next before anything of the area renders (in English, the page waits for its English too).
await addStrings(ru, () => import('./i18n.en'));
