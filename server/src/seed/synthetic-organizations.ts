import { innCheckDigit } from '../algorithms/russian-identifiers';
import type { OrganizationKind } from '../modules/organizations/schema';

/** Deterministic pseudo-random numbers (mulberry32), so a synthetic region is the same on every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid legal-entity ИНН made from a 9-digit number. */
export const syntheticInn = (first9: number) => `${first9}${innCheckDigit(String(first9))}`;

const kinds: { kind: OrganizationKind; name: (n: number) => [string, string] }[] = [
  { kind: 'school', name: (n) => [`Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n}»`, `СОШ № ${n}`] },
  { kind: 'lyceum', name: (n) => [`Муниципальное автономное общеобразовательное учреждение «Лицей № ${n}»`, `Лицей № ${n}`] },
  { kind: 'gymnasium', name: (n) => [`Муниципальное автономное общеобразовательное учреждение «Гимназия № ${n}»`, `Гимназия № ${n}`] },
  { kind: 'preschool', name: (n) => [`Муниципальное дошкольное образовательное учреждение «Детский сад № ${n}»`, `Детский сад № ${n}`] },
  { kind: 'supplementary', name: (n) => [`Муниципальное учреждение дополнительного образования «Дом детского творчества № ${n}»`, `ДДТ № ${n}`] },
  { kind: 'library', name: (n) => [`Муниципальное учреждение культуры «Библиотека-филиал № ${n}»`, `Библиотека № ${n}`] },
];

export interface SyntheticMunicipality {
  id: string;
  name: string;
  centerLat: number;
  centerLon: number;
}

/**
 * `count` plausible organisations spread around the given municipalities. Numbering starts at `firstNumber`,
 * so INNs stay unique when a region is grown in several runs.
 */
export function generateOrganizations(count: number, municipalities: SyntheticMunicipality[], firstNumber = 1) {
  const random = seededRandom(firstNumber);
  return Array.from({ length: count }, (_, index) => {
    const i = firstNumber + index - 1;
    const municipality = municipalities[i % municipalities.length];
    const { kind, name } = kinds[Math.floor(random() * kinds.length)];
    const [fullName, shortName] = name(i + 1);
    return {
      kind,
      fullName: `${fullName} (${municipality.name})`,
      shortName: `${shortName}, ${municipality.name}`,
      inn: syntheticInn(900_000_000 + i),
      externalId: `synthetic-${i + 1}`,
      municipalityId: municipality.id,
      municipalityName: municipality.name,
      address: `${municipality.name}, ул. Школьная, д. ${1 + (i % 120)}`,
      lat: municipality.centerLat + (random() - 0.5) * 0.2,
      lon: municipality.centerLon + (random() - 0.5) * 0.3,
      headName: 'Иванова Мария Петровна',
    };
  });
}
