import type { CommandContext } from '../../platform/context';
export async function settleAdmission(_tx: CommandContext['db'], _context: CommandContext, _decision: unknown) {}
