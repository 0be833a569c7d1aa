import { addStrings } from '../../../shared/i18n';
import { ru } from './i18n';

// The feedback section's words come with it (see exchanges/strings.ts).
await addStrings(ru, () => import('./i18n.en'));
