import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/useFormat';

type Group = { name: string; size: number; holdout: boolean; share: number };

/** The arms and the holdout: how many customers each gets and its share. */
export function GroupsTable({ groups, testId }: { groups: Group[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table fz="sm" verticalSpacing={4} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('campaigns.groups.group')}</Table.Th>
          <Table.Th ta="right">{t('campaigns.groups.share')}</Table.Th>
          <Table.Th ta="right">{t('campaigns.groups.customers')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={g.name} data-testid="campaign-group" data-name={g.name} data-size={g.size} data-holdout={g.holdout}>
            <Table.Td>
              {g.holdout ? (
                <Badge size="sm" variant="light" color="gray" tt="none">
                  {t('campaigns.groups.holdout')}
                </Badge>
              ) : (
                g.name
              )}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {format.percent(g.share)}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {format.integer(g.size)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
