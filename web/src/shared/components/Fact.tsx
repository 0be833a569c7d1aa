import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One fact of a detail page: a small uppercase label over its value (a programme's audience, an event's time). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
