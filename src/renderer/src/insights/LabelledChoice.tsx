import { SegmentedControl, Stack, Text } from '@mantine/core';

type Props<T extends string> = {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  testId: string;
};

/** A small caption above a segmented control it labels (for screen readers too). */
export function LabelledChoice<T extends string>({ id, label, value, options, onChange, testId }: Props<T>) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} value={value} onChange={(next) => onChange(next as T)} data={[...options]} data-testid={testId} />
    </Stack>
  );
}
