import { eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { addCampaignProgramme } from '../modules/campaigns/add-campaign-programme';
import { campaignDraft, campaignProgrammeRequest } from '../modules/campaigns/campaign-fields';
import { createCampaign } from '../modules/campaigns/create-campaign';
import { openCampaign } from '../modules/campaigns/open-campaign';
import { programmes } from '../modules/programmes/schema';
import type { DemoHeads } from './demo-heads';

const DAY = 24 * 3600_000;

/** The demo's preference campaign: who organises it and which demo programmes (keys of demoProgrammes) it allocates. */
const demoCampaign = {
  organizer: 'tmn-gymnasium-49',
  programmes: ['tmn-olympiad-maths'],
  title: 'Олимпиадная математика: выбор на 2026/27 учебный год',
  description:
    'Места в олимпиадной математике центра работы с одарёнными детьми распределяются по выбору семей. Расставьте программы по предпочтению до окончания приёма. Сначала места получают ученики гимназии, остальные — по опубликованному жребию.',
};

/**
 * An open campaign over the demo's campaign-mode programme(s), made by the organiser's head through the
 * campaign commands (so it is audited and its lottery drawn like anyone's): the window opened yesterday
 * and closes in two weeks, so the demo guardian can rank programmes at once.
 */
export async function seedDemoCampaign(db: CommandContext['db'], heads: DemoHeads, programmeIds: Record<string, string>) {
  const now = Date.now();
  // Drafted the day before its window opened.
  const organiser: CommandContext = { db, actor: await heads.headOf(demoCampaign.organizer), ip: 'seed', now: new Date(now - DAY) };
  const created = await createCampaign(
    organiser,
    campaignDraft.parse({
      organizerOrganizationId: heads.id(demoCampaign.organizer),
      title: demoCampaign.title,
      description: demoCampaign.description,
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 14 * DAY).toISOString(),
      maxChoices: 3,
      priorityRule: 'own_students',
    }),
  );
  let campaign = created;
  for (const key of demoCampaign.programmes) {
    const programmeId = programmeIds[key];
    if (!programmeId) throw new Error(`demo campaign names an unknown programme: ${key}`);
    const [{ capacity, seatsTaken }] = await programmeSeats(db, programmeId);
    campaign = await addCampaignProgramme(organiser, created.id, campaignProgrammeRequest.parse({ programmeId, seats: capacity - seatsTaken }));
  }
  campaign = await openCampaign(organiser, created.id, { version: campaign.version });
  return { campaignId: campaign.id };
}

const programmeSeats = (db: CommandContext['db'], programmeId: string) =>
  db.select({ capacity: programmes.capacity, seatsTaken: programmes.seatsTaken }).from(programmes).where(eq(programmes.id, programmeId));
