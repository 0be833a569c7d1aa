import type { ReactNode } from 'react';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/**
 * The frame of a page that creates or edits one record (an event, a programme): the way back (an edit page has it
 * from QueryDetail already), the title, a hint under it, then the form.
 */
export function FormPageFrame({ backTo, backLabel, title, hint, children }: { backTo?: string; backLabel?: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Stack gap="lg">
      {backTo && (
        <Anchor component={Link} to={backTo} size="sm">
          ← {backLabel}
        </Anchor>
      )}
      <Title order={1}>{title}</Title>
      {hint && (
        <Text c="dimmed" maw={820}>
          {hint}
        </Text>
      )}
      {children}
    </Stack>
  );
}
