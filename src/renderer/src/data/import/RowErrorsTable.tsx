import { Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RowError } from '../../../../shared/import-schemas';
import { useFormat } from '../../format/useFormat';

type Props = {
  errors: readonly RowError[];
  /** Exact totals by code, when more problems exist than are listed. */
  counts?: Record<string, number>;
  maxHeight?: number;
  testId: string;
};

/** The rows that cannot be imported: spreadsheet row (the header is row 1), column, code and what is wrong. */
export function RowErrorsTable({ errors, counts, maxHeight = 260, testId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const totals = counts ?? countByCode(errors);
  return (
    <div data-testid={testId}>
      <Group gap={6} mb={6}>
        {Object.entries(totals)
          .sort((a, b) => b[1] - a[1])
          .map(([code, count]) => (
            <Badge key={code} variant="light" color="red" size="sm" tt="none" data-testid="row-error-total" data-code={code} data-count={count}>
              {t('importWizard.errors.total', { code, count, formatted: format.integer(count) })}
            </Badge>
          ))}
      </Group>
      <ScrollArea.Autosize mah={maxHeight} type="auto">
        <Table fz="sm" verticalSpacing={4} horizontalSpacing="sm" stickyHeader striped="even" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64} ta="right">
                {t('importWizard.errors.row')}
              </Table.Th>
              <Table.Th w="18%">{t('importWizard.errors.column')}</Table.Th>
              <Table.Th w="16%">{t('importWizard.errors.code')}</Table.Th>
              <Table.Th>{t('importWizard.errors.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((error, index) => (
              <Table.Tr key={`${error.row}-${error.column ?? ''}-${index}`} data-testid="row-error" data-row={error.row} data-code={error.code}>
                <Table.Td ta="right" className="tabular">
                  {format.integer(error.row)}
                </Table.Td>
                <Table.Td>{error.column ?? <Text span c="dimmed">{t('importWizard.errors.wholeRow')}</Text>}</Table.Td>
                <Table.Td>
                  <Text span size="xs" ff="monospace">
                    {error.code}
                  </Text>
                </Table.Td>
                <Table.Td>{error.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </div>
  );
}

function countByCode(errors: readonly RowError[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const error of errors) counts[error.code] = (counts[error.code] ?? 0) + 1;
  return counts;
}
