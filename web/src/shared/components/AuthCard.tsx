import type { FormEventHandler, ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { LogoMark } from './Logo';

/** The centred card of the sign-in and sign-up pages: the mark, a title and a line of intro above the form's fields. */
export function AuthCard({ title, intro, width, onSubmit, children }: { title: string; intro: string; width: number; onSubmit: FormEventHandler<HTMLFormElement>; children: ReactNode }) {
  return (
    <Stack align="center" py={{ base: 'md', sm: 48 }}>
      <Paper withBorder radius="lg" p={{ base: 'lg', sm: 40 }} w="100%" maw={width} shadow="sm">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Stack gap={8} align="center">
              <LogoMark size={48} />
              <Title order={1} size="h2" ta="center">
                {title}
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                {intro}
              </Text>
            </Stack>
            {children}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
