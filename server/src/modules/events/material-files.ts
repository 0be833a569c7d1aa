import { fileProblems } from '../../platform/files/files';

/** What one uploaded material may be: a file up to this size, at most this many materials an event (types: platform/files). */
export const materialLimits = { bytes: 20 * 1024 * 1024, perEvent: 30 } as const;

export const materialProblems = { tooLarge: fileProblems.tooLarge(materialLimits.bytes), notAccepted: fileProblems.notAccepted };
