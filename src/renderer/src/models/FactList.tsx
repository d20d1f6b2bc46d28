import { Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type Fact = { label: string; value: ReactNode; hint?: string; testId?: string };

/** A titled block of facts: label left, value right-aligned; a hint behind a focusable info icon. */
export function FactList({ title, facts, footer, testId }: { title: string; facts: readonly Fact[]; footer?: ReactNode; testId?: string }) {
  return (
    <Paper p="sm" withBorder data-testid={testId}>
      <Stack gap={6}>
        <Title order={4}>{title}</Title>
        <Stack gap={4} component="dl" m={0}>
          {facts.map((fact) => (
            <Group key={fact.label} justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
              <Group component="dt" gap={4} wrap="nowrap" miw={0}>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {fact.label}
                </Text>
                {fact.hint && (
                  <Tooltip label={fact.hint} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
                    <span tabIndex={0} aria-label={fact.hint} style={{ display: 'inline-flex', color: 'var(--mantine-color-dimmed)' }}>
                      <IconInfoCircle size={14} aria-hidden />
                    </span>
                  </Tooltip>
                )}
              </Group>
              <Text component="dd" m={0} size="sm" fw={500} ta="right" className="tabular" data-testid={fact.testId}>
                {fact.value}
              </Text>
            </Group>
          ))}
        </Stack>
        {footer}
      </Stack>
    </Paper>
  );
}
