import { addStrings } from '../../shared/i18n';
import { ru } from './i18n';

// This area's words come with its components: every file that uses them imports this module.
await addStrings(ru, () => import('./i18n.en'));
