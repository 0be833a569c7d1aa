import { addStrings } from '../../shared/i18n';
import { ru } from './i18n';

// This area's words come with its pages, not with the shell (see exchanges/strings.ts).
await addStrings(ru, () => import('./i18n.en'));
