import { Group, Paper, Skeleton, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import classes from './KpiCard.module.css';

type Props = {
  label: string;
  /** The formatted figure. */
  display: string;
  /** The exact, unformatted figure (for tests and for the tooltip). */
  value: number | null;
  caption: string;
  icon: Icon;
  testId: string;
  title?: string;
};

/** One key figure: what it is, the number (right-aligned, tabular), and how it is counted. */
export function KpiCard({ label, display, value, caption, icon: IconComponent, testId, title }: Props) {
  return (
    <Paper p="md" className={classes.card}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <ThemeIcon variant="light" size={28} radius="md">
          <IconComponent size={16} stroke={1.7} />
        </ThemeIcon>
      </Group>
      <Text
        className={classes.value}
        data-testid={testId}
        data-value={value === null ? '' : String(value)}
        title={title}
      >
        {display}
      </Text>
      <Text size="xs" c="dimmed" ta="right" truncate="end">
        {caption}
      </Text>
    </Paper>
  );
}

export function KpiCardSkeleton() {
  return (
    <Paper p="md" className={classes.card}>
      <Group justify="space-between">
        <Skeleton h={14} w="50%" />
        <Skeleton h={28} w={28} radius="md" />
      </Group>
      <Skeleton h={26} w="70%" ml="auto" my={8} />
      <Skeleton h={10} w="60%" ml="auto" />
    </Paper>
  );
}
