import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = { title: string; help: string; children: ReactNode; testId?: string };

/** A part of a step: what it is about, what choosing here does, then its controls. */
export function StepCard({ title, help, children, testId }: Props) {
  return (
    <Paper p="md" data-testid={testId}>
      <Title order={2}>{title}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {help}
      </Text>
      {children}
    </Paper>
  );
}
