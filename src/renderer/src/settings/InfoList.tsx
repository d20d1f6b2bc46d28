import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './InfoList.module.css';

export type InfoItem = { label: string; value: ReactNode; testId?: string };

/** Label on the left, value on the right, one fact per line. */
export function InfoList({ items }: { items: readonly InfoItem[] }) {
  return (
    <Stack gap={0} component="dl" className={classes.list}>
      {items.map((item) => (
        <Group key={item.label} justify="space-between" wrap="nowrap" gap="md" className={classes.row}>
          <Text component="dt" size="sm" c="dimmed" className={classes.label}>
            {item.label}
          </Text>
          <Text component="dd" size="sm" fw={500} className={classes.value} data-testid={item.testId}>
            {item.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
