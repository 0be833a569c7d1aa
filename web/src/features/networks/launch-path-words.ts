import type { TFunction } from 'i18next';
import type { NetworkKind } from './types';
import './strings';

/**
 * A step's name in the network's own words: a coordinator's step by its title, a catalogue step by the wording of
 * the network's kind when it has one (a partnership's «agreement» is the cooperation agreement with the joint plan),
 * else by the catalogue's name.
 */
export function stepTitle(t: TFunction, kind: NetworkKind | undefined, step: { key: string; title?: string }): string {
  if (step.key.startsWith('custom-')) return step.title ?? '';
  return t([`networks.stepByKind.${kind}.${step.key}`, `networks.launchStep.${step.key}`]);
}

/** What a step asks for, in the kind's words; a coordinator's own step has no hint. */
export function stepHint(t: TFunction, kind: NetworkKind | undefined, key: string): string {
  if (key.startsWith('custom-')) return '';
  return t([`networks.stepHintByKind.${kind}.${key}`, `networks.launchStepHint.${key}`]);
}
