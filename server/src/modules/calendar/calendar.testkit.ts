import type { TestApp } from '../../../test/app';
import { insertEvent } from '../events/event.testkit';

/**
 * An event for the calendar's tests through the events area's testkit: published, in person, for heads, 15:00–17:00
 * Moscow time on the region's date `on` unless the values say otherwise.
 */
export function insertCalendarEvent(t: TestApp, organizationId: string, values: Parameters<typeof insertEvent>[2] & { on?: string } = {}) {
  const { on = '2026-03-16', ...rest } = values;
  return insertEvent(t, organizationId, {
    title: 'Семинар руководителей',
    audiences: ['heads'],
    startsAt: new Date(`${on}T15:00:00+03:00`),
    endsAt: new Date(`${on}T17:00:00+03:00`),
    ...rest,
  });
}
