import type { Actor } from '../../platform/context';
import { type ChildRow, guardsChild, teachesAtHomeSchool } from '../families/access';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';
import type { campaigns } from './schema';

type Organised = Pick<typeof campaigns.$inferSelect, 'organizerOrganizationId'>;

/**
 * Who may do what with preference campaigns. The organiser acts through its heads; a network's
 * campaign may also be run by the network's coordinator. Families act for their own children only;
 * the home school follows its students' choices and results. Nobody else sees a child's choices.
 */
export const campaignPolicy = {
  /** Drafting, filling, opening, allocating and cancelling a campaign. */
  organise: (actor: Actor, campaign: Organised, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'> | null) =>
    headsOrganization(actor, campaign.organizerOrganizationId) || (!!network && managesNetwork(actor, network)),
  /** Ranking programmes for a child: the child's guardian. */
  choose: (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => guardsChild(actor, child),
  /** A child's ranking and result: the guardian and the staff of the child's home school. */
  viewChild: (actor: Actor, child: Pick<ChildRow, 'guardianUserId' | 'homeSchoolId'>) => guardsChild(actor, child) || teachesAtHomeSchool(actor, child),
};
