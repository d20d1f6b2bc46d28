import { Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customerColumns, type CustomerColumn } from '../../../shared/customer-schemas';
import { DEFAULT_COLUMNS, isScoreColumn } from './columns';

/** The customer's own fields, then the scores of the model lab (empty until a model is trained). */
const GROUPS = [
  { key: 'customer', columns: customerColumns.filter((c) => !isScoreColumn(c)) },
  { key: 'predictions', columns: customerColumns.filter(isScoreColumn) },
] as const;

type Props = { visible: readonly CustomerColumn[]; onChange: (visible: CustomerColumn[]) => void };

/** Which columns the explorer shows (and an export writes). At least one stays. */
export function ColumnChooser({ visible, onChange }: Props) {
  const { t } = useTranslation();
  const toggle = (column: CustomerColumn, on: boolean): void => {
    const next = customerColumns.filter((c) => (c === column ? on : visible.includes(c)));
    if (next.length > 0) onChange(next);
  };
  return (
    <Popover width={260} position="bottom-end" trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" size="sm" leftSection={<IconColumns size={16} />} data-testid="explorer-columns">
          {t('explorer.columnsButton', { count: visible.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="explorer-columns-dropdown">
        <Group justify="space-between" px={4} pb={6}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            {t('explorer.columnsTitle')}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => onChange([...DEFAULT_COLUMNS])}>
            {t('explorer.columnsReset')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap={10} px={4}>
            {GROUPS.map((group) => (
              <Stack key={group.key} gap={6} role="group" aria-labelledby={`explorer-columns-${group.key}`}>
                <Text id={`explorer-columns-${group.key}`} size="xs" fw={600} c="dimmed">
                  {t(`explorer.columnGroups.${group.key}`)}
                </Text>
                {group.columns.map((column) => (
                  <Checkbox
                    key={column}
                    size="xs"
                    label={t(`explorer.columns.${column}`)}
                    checked={visible.includes(column)}
                    disabled={visible.length === 1 && visible.includes(column)}
                    onChange={(event) => toggle(column, event.currentTarget.checked)}
                    data-testid={`explorer-column-${column}`}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
