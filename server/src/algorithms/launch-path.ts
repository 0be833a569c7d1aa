import { countOf } from '../platform/plural';

/**
 * Launch paths of networks (issue 15), pure: the template of each kind of network, the status of every step
 * from the evidence the other areas supply, and the rules and the record of a coordinator's adaptation.
 *
 * - A school district (seed 001, Altai) walks council → agreement → regulation → inventory → educational map →
 *   information work → network plan → launch.
 * - A leader–satellite partnership (seed 002, Yaroslavl) walks the leader's strengths → the satellites' needs →
 *   roadmap → cooperation agreement with the joint plan as annex → launch → joint events → transfer of practices →
 *   reflective evaluation. Its last three steps are the partnership's work after the launch.
 * - Alliances, associations and local alliances (seeds 000, 004) have no launch gate: a light path of what helps
 *   such a network work (members, inventory, plan, information space), with no «launch» step.
 *
 * A path is an ordered list of steps: steps of the catalogue below, or custom steps a coordinator adds with a
 * title of their own (always marked by hand). A path with a «launch» step is gated: the network may be launched
 * once every step before it is done.
 */

export const networkKindsOfPaths = ['alliance', 'district', 'partnership', 'association', 'local_alliance'] as const;
export type PathNetworkKind = (typeof networkKindsOfPaths)[number];

/** Every step the platform knows; a custom step's key is `custom-…`. */
export const catalogueSteps = [
  'council',
  'agreement',
  'regulation',
  'inventory',
  'educational_map',
  'information',
  'plan',
  'launch',
  'leader_strengths',
  'satellite_needs',
  'roadmap',
  'joint_events',
  'practice_transfer',
  'reflective_evaluation',
  'members',
] as const;
export type CatalogueStep = (typeof catalogueSteps)[number];

export type PathTemplate = 'district' | 'partnership' | 'light';

export const templateOfKind: Record<PathNetworkKind, PathTemplate> = {
  district: 'district',
  partnership: 'partnership',
  alliance: 'light',
  association: 'light',
  local_alliance: 'light',
};

export const pathTemplates: Record<PathTemplate, readonly CatalogueStep[]> = {
  district: ['council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch'],
  partnership: ['leader_strengths', 'satellite_needs', 'roadmap', 'agreement', 'launch', 'joint_events', 'practice_transfer', 'reflective_evaluation'],
  light: ['members', 'inventory', 'plan', 'information'],
};

/** One step of a network's path: a catalogue step, or a custom one with its title. */
export interface PathStep {
  key: string;
  /** Only for custom steps: the coordinator's title. */
  title?: string;
}

export const CUSTOM_PREFIX = 'custom-';
export const MAX_PATH_STEPS = 20;
export const isCatalogueStep = (key: string): key is CatalogueStep => (catalogueSteps as readonly string[]).includes(key);
export const isCustomStep = (key: string) => key.startsWith(CUSTOM_PREFIX);

export function templatePath(kind: PathNetworkKind): PathStep[] {
  return pathTemplates[templateOfKind[kind]].map((key) => ({ key }));
}

/** What the data proves about a network, gathered by the networks module from the other areas. */
export interface LaunchEvidence {
  kind: PathNetworkKind;
  launched: boolean;
  councilFormed: boolean;
  /** Active member organisations, the managing one included. */
  activeMembers: number;
  /** Active members with at least one active resource or need. */
  inventory: { members: number; recorded: number };
  /** Signed cooperation agreements (document kind `agreement` only: a network-programme agreement is another contract). */
  agreements: { parties: string[] | null; planAnnex: boolean | null }[];
  /** Whether the agreement step asks for the joint plan as annex (once documents can carry annexes). */
  annexRequired: boolean;
  /** A signed regulation of the district (not the council's regulation). */
  districtRegulationSigned: boolean;
  /** A district's managing school is in the register of base schools today (null: no such condition for this kind). */
  baseSchool: boolean | null;
  /** Items of every plan of the network, and of its roadmaps. */
  planItems: number;
  roadmapItems: number;
  /** The managing organisation (the leader of a partnership), and its active resources. */
  managingOrganizationId: string;
  leaderOffers: number;
  /** Active satellites, and those among them with at least one active need. */
  satellites: { ids: string[]; withNeeds: number };
}

export interface LaunchStepStatus {
  step: string;
  /** Custom steps only. */
  title?: string;
  done: boolean;
  source: 'data' | 'manual' | null;
  detail: string;
  /** Whether the coordinator may mark it by hand (no data proves it, or the data may lag behind paper work). */
  markable: boolean;
}

type Proof = { done: boolean; detail: string; markable: boolean };

/** What proves a catalogue step; null for steps only a coordinator's mark completes. */
function proof(step: CatalogueStep, e: LaunchEvidence): Proof | null {
  switch (step) {
    case 'council':
      return e.councilFormed
        ? { done: true, detail: 'Совет сформирован: есть председатель, секретарь и представители участников', markable: false }
        : { done: false, detail: 'Назначьте председателя, секретаря и членов совета из разных организаций', markable: false };
    case 'agreement':
      return e.kind === 'partnership' ? partnershipAgreement(e) : networkAgreement(e);
    case 'regulation':
      // Only the district's regulation completes this step; a council regulation is another document.
      if (e.kind !== 'district') return null;
      return e.districtRegulationSigned
        ? { done: true, detail: 'Положение о школьном округе подписано всеми участниками', markable: false }
        : { done: false, detail: 'Положение о школьном округе ещё не подписано всеми участниками', markable: false };
    case 'inventory': {
      const { members, recorded } = e.inventory;
      const detail = `Ресурсы и потребности описали ${recorded} из ${countOf(members, { one: 'участника', few: 'участников', many: 'участников' })}`;
      return { done: members > 0 && recorded >= members, detail, markable: true };
    }
    case 'plan':
      return e.planItems > 0
        ? { done: true, detail: 'План составлен', markable: false }
        : { done: false, detail: 'Составьте план: хотя бы одно мероприятие', markable: false };
    case 'roadmap':
      return e.roadmapItems > 0
        ? { done: true, detail: 'Дорожная карта составлена', markable: false }
        : { done: false, detail: 'Составьте дорожную карту: план вида «дорожная карта» хотя бы с одним мероприятием', markable: false };
    case 'launch':
      if (!e.launched && e.baseSchool === false) {
        return { done: false, detail: 'Запуск возможен, когда координирующая школа внесена в реестр базовых школ приказом органа управления образованием', markable: false };
      }
      return { done: e.launched, detail: e.launched ? 'Сеть запущена' : 'Сеть ещё не запущена', markable: false };
    case 'members':
      return e.activeMembers >= 2
        ? { done: true, detail: `В сети ${countOf(e.activeMembers, { one: 'участник', few: 'участника', many: 'участников' })}`, markable: false }
        : { done: false, detail: 'Пригласите в сеть хотя бы одну организацию', markable: false };
    case 'leader_strengths':
      return {
        done: e.leaderOffers > 0,
        detail: e.leaderOffers > 0 ? `Школа-лидер описала ресурсы: ${e.leaderOffers}` : 'Школа-лидер ещё не описала свои ресурсы',
        markable: true,
      };
    case 'satellite_needs': {
      const total = e.satellites.ids.length;
      return {
        done: total > 0 && e.satellites.withNeeds >= total,
        detail: total === 0 ? 'В партнёрстве пока нет школ-спутников' : `Потребности описали ${e.satellites.withNeeds} из ${countOf(total, { one: 'школы-спутника', few: 'школ-спутников', many: 'школ-спутников' })}`,
        markable: true,
      };
    }
    default:
      return null;
  }
}

/** A district's or an alliance's agreement binds every member: one signed by all of them. */
function networkAgreement(e: LaunchEvidence): Proof {
  const done = e.agreements.some((a) => a.parties === null && (!e.annexRequired || a.planAnnex === true));
  return { done, detail: done ? 'Договор подписан всеми участниками' : 'Договор ещё не подписан всеми участниками', markable: false };
}

/**
 * A partnership signs an agreement between the leader and each satellite (or one of all members), with the joint
 * plan as its annex: the step is done once every active satellite is bound by one.
 */
function partnershipAgreement(e: LaunchEvidence): Proof {
  const covering = e.agreements.filter((a) => !e.annexRequired || a.planAnnex === true);
  const total = e.satellites.ids.length;
  // A bilateral agreement counts for a satellite when the leader is its other party.
  const covered = e.satellites.ids.filter((id) => covering.some((a) => a.parties === null || (a.parties.includes(id) && a.parties.includes(e.managingOrganizationId)))).length;
  if (total === 0) return { done: false, detail: 'В партнёрстве пока нет школ-спутников', markable: false };
  const unsignedAnnex = e.annexRequired && covered < total && e.agreements.some((a) => a.planAnnex !== true);
  const detail =
    `Соглашения подписаны с ${covered} из ${countOf(total, { one: 'школы-спутника', few: 'школ-спутников', many: 'школ-спутников' })}` +
    (unsignedAnnex ? '. Соглашение без действующего плана совместных действий в приложении не засчитывается' : '');
  return { done: covered >= total, detail, markable: false };
}

/** Pure: where a network stands on its path, and whether it may be launched now. */
export function launchPathStatus(path: PathStep[], evidence: LaunchEvidence, marks: Map<string, string>) {
  const steps: LaunchStepStatus[] = path.map(({ key, title }) => {
    const note = marks.get(key);
    const proven = isCatalogueStep(key) ? proof(key, evidence) : null;
    if (!proven) {
      return { step: key, ...(title !== undefined ? { title } : {}), done: note !== undefined, source: note !== undefined ? 'manual' : null, detail: note ?? '', markable: true };
    }
    if (proven.done) return { step: key, done: true, source: 'data', detail: proven.detail, markable: proven.markable };
    if (proven.markable && note !== undefined) {
      return { step: key, done: true, source: 'manual', detail: note ? `${note}. ${proven.detail}` : proven.detail, markable: true };
    }
    return { step: key, done: false, source: null, detail: proven.detail, markable: proven.markable };
  });
  const gate = path.findIndex((s) => s.key === 'launch');
  return {
    steps,
    completed: steps.filter((s) => s.done).length,
    /** A path without a launch step has no gate: the network works from the start. */
    gated: gate >= 0,
    // Only a base school manages a district (seed 001): its launch waits for the register too.
    canLaunch: gate >= 0 && !evidence.launched && evidence.baseSchool !== false && steps.slice(0, gate).every((s) => s.done),
    /** The first step not done: where the network stands. */
    current: steps.find((s) => !s.done)?.step ?? null,
  };
}

/** A step as a coordinator proposes it: a known key, or a new custom step with only a title. */
export interface ProposedStep {
  key?: string;
  title?: string;
}

export type PathChange =
  | { change: 'added'; key: string; title?: string; position: number }
  | { change: 'removed'; key: string; title?: string }
  | { change: 'moved'; key: string; title?: string; from: number; to: number }
  | { change: 'renamed'; key: string; from: string; to: string };

export class PathRefusal extends Error {
  constructor(
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Checks a coordinator's new path against the current one and gives it with keys for new custom steps,
 * or refuses with a Russian reason: steps known, none twice, a custom title, at most MAX_PATH_STEPS, and a
 * launched network keeps its launch step.
 */
export function adaptPath(current: PathStep[], proposed: ProposedStep[], launched: boolean, newKey: () => string): PathStep[] {
  if (proposed.length === 0) throw new PathRefusal('Путь не может быть пустым', 'Оставьте в пути хотя бы один шаг.');
  if (proposed.length > MAX_PATH_STEPS) throw new PathRefusal('Слишком много шагов', `В пути может быть не больше ${MAX_PATH_STEPS} шагов.`);
  const customTitles = new Map(current.filter((s) => isCustomStep(s.key)).map((s) => [s.key, s.title ?? '']));
  const seen = new Set<string>();
  const next = proposed.map((p): PathStep => {
    const title = p.title?.trim();
    if (p.key === undefined) {
      if (!title) throw new PathRefusal('У нового шага нет названия', 'Назовите шаг, который добавляете в путь.');
      return { key: newKey(), title };
    }
    if (isCatalogueStep(p.key)) {
      if (seen.has(p.key)) throw new PathRefusal('Шаг повторяется', 'Каждый шаг может быть в пути только один раз.');
      seen.add(p.key);
      return { key: p.key };
    }
    if (!customTitles.has(p.key)) throw new PathRefusal('Неизвестный шаг', 'Такого шага нет в пути сети: обновите страницу и повторите.');
    if (seen.has(p.key)) throw new PathRefusal('Шаг повторяется', 'Каждый шаг может быть в пути только один раз.');
    seen.add(p.key);
    return { key: p.key, title: title || customTitles.get(p.key) };
  });
  if (launched && current.some((s) => s.key === 'launch') && !next.some((s) => s.key === 'launch')) {
    throw new PathRefusal('Шаг запуска убрать нельзя', 'Сеть уже запущена: шаг «Запуск» остаётся в пути.');
  }
  return next;
}

/** What changed between two paths, for the record and the page: added, removed, moved (against the others' order) and renamed steps. */
export function describePathChange(before: PathStep[], after: PathStep[]): PathChange[] {
  const beforeKeys = before.map((s) => s.key);
  const afterKeys = after.map((s) => s.key);
  const changes: PathChange[] = [];
  const withTitle = (s: PathStep) => (s.title !== undefined ? { title: s.title } : {});
  for (const s of before) if (!afterKeys.includes(s.key)) changes.push({ change: 'removed', key: s.key, ...withTitle(s) });
  after.forEach((s, i) => {
    if (!beforeKeys.includes(s.key)) changes.push({ change: 'added', key: s.key, ...withTitle(s), position: i + 1 });
  });
  // Steps kept in both: those outside a longest common subsequence moved.
  const keptBefore = beforeKeys.filter((k) => afterKeys.includes(k));
  const keptAfter = afterKeys.filter((k) => beforeKeys.includes(k));
  const stay = longestCommonSubsequence(keptBefore, keptAfter);
  for (const s of after) {
    if (keptAfter.includes(s.key) && !stay.has(s.key)) {
      changes.push({ change: 'moved', key: s.key, ...withTitle(s), from: beforeKeys.indexOf(s.key) + 1, to: afterKeys.indexOf(s.key) + 1 });
    }
  }
  for (const s of after) {
    const old = before.find((b) => b.key === s.key);
    if (old && old.title !== undefined && s.title !== undefined && old.title !== s.title) changes.push({ change: 'renamed', key: s.key, from: old.title, to: s.title });
  }
  return changes;
}

function longestCommonSubsequence(a: string[], b: string[]): Set<string> {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return kept;
}

/** Steps of the catalogue a coordinator may still add to a path (each at most once). */
export function addableSteps(path: PathStep[]): CatalogueStep[] {
  return catalogueSteps.filter((key) => !path.some((s) => s.key === key));
}
