import { Group, Paper, Skeleton, Text } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useFitText } from './useFitText';
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
  const valueRef = useFitText<HTMLParagraphElement>(display, 26);
  return (
    <Paper p="md" className={classes.card}>
      <Group wrap="nowrap" gap={6} className={classes.label}>
        <IconComponent size={16} stroke={1.7} className={classes.icon} aria-hidden />
        <Text size="sm" fw={500} truncate="end" title={label} c="dimmed">
          {label}
        </Text>
      </Group>
      <Text
        className={classes.value}
        data-testid={testId}
        data-value={value === null ? '' : String(value)}
        title={title}
        ref={valueRef}
      >
        {display}
      </Text>
      <Text size="xs" c="dimmed" ta="right" truncate="end" title={caption}>
        {caption}
      </Text>
    </Paper>
  );
}

export function KpiCardSkeleton() {
  return (
    <Paper p="md" className={classes.card}>
      <Skeleton h={14} w="60%" my={3} />
      <Skeleton h={26} w="70%" ml="auto" mt={10} mb={6} />
      <Skeleton h={10} w="60%" ml="auto" />
    </Paper>
  );
}
