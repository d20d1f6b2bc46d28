import { Badge, Group, Table, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CopyCheck } from '../../../shared/copy-schemas';
import { checkLabel } from './labels';

/** The checks as compact badges: failures first and filled, passes light; the detail on hover or focus. */
export function CheckBadges({ checks, pending }: { checks: CopyCheck[]; pending?: boolean }) {
  const { t } = useTranslation();
  const sorted = [...checks].sort((a, b) => Number(a.passed) - Number(b.passed));
  return (
    <Group gap={4} data-testid="copy-checks" data-failed={checks.filter((c) => !c.passed).length} aria-busy={pending || undefined} style={{ opacity: pending ? 0.6 : 1 }}>
      {sorted.map((check) => (
        <Tooltip key={check.name} label={check.detail} withArrow multiline maw={320}>
          <Badge
            size="sm"
            variant={check.passed ? 'light' : 'filled'}
            color={check.passed ? 'teal' : 'red'}
            tt="none"
            fw={500}
            leftSection={check.passed ? <IconCheck size={11} /> : <IconX size={11} />}
            aria-label={t(check.passed ? 'copy.checks.passedAria' : 'copy.checks.failedAria', { name: checkLabel(t, check.name), detail: check.detail })}
            data-testid="copy-check"
            data-check={check.name}
            data-passed={check.passed}
          >
            {checkLabel(t, check.name)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** Every check with its detail, for the expanded card. */
export function CheckTable({ checks }: { checks: CopyCheck[] }) {
  const { t } = useTranslation();
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={4} data-testid="copy-check-table">
      <Table.Tbody>
        {checks.map((check) => (
          <Table.Tr key={check.name}>
            <Table.Td w={24}>
              <ThemeIcon size={16} radius="xl" variant="light" color={check.passed ? 'teal' : 'red'}>
                {check.passed ? <IconCheck size={11} /> : <IconX size={11} />}
              </ThemeIcon>
            </Table.Td>
            <Table.Td w={150}>
              <Text size="xs" fw={500}>
                {checkLabel(t, check.name)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c={check.passed ? 'dimmed' : 'red'}>
                {check.detail}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
