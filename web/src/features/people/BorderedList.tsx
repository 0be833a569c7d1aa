import { Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A list of rows in one bordered box, a line between rows: people and invitations read this way on a phone as well as
 * on a wide screen, where a table would scroll sideways.
 */
export function BorderedList<T>({ items, keyOf, rowTestId, busy, children }: { items: T[]; keyOf: (item: T) => string; rowTestId?: string; busy?: boolean; children: (item: T) => ReactNode }) {
  return (
    <Paper withBorder radius="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-busy={busy || undefined}>
      {items.map((item, i) => (
        <li key={keyOf(item)} data-testid={rowTestId} style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-3)' }}>
          {children(item)}
        </li>
      ))}
    </Paper>
  );
}
