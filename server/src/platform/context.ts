import type { MembershipRole, PlatformRole } from '../modules/accounts/schema';
import type { Database } from './db/client';

/** The signed-in person on whose behalf a command runs. */
export interface Actor {
  userId: string;
  email: string;
  fullName: string;
  /** Region-wide roles; one account may hold several (an authority who is also a parent). */
  platformRoles: PlatformRole[];
  municipalityId: string | null;
  memberships: { organizationId: string; role: MembershipRole }[];
}

/** What every command receives besides its own input: the database, who acts, and from where. */
export interface CommandContext {
  db: Database;
  actor: Actor | null;
  ip: string | null;
  /** The moment the command acts at; now unless a seed replays demo history (a request made before its period began). */
  now?: Date;
}
