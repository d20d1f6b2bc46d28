import { Badge, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignReport } from '../../../../shared/campaign-schemas';
import { useFormat } from '../../format/useFormat';

/** Per arm (and the holdout): who received it, what they did, with 95 % intervals, and the chance each arm is best. */
export function ArmsTable({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (v: number): string => format.money(v, report.currency);
  const dash = t('common.none');
  return (
    <Paper p="md">
      <Title order={3}>{t('campaigns.report.armsTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('campaigns.report.armsHelp')}
      </Text>
      <Table.ScrollContainer minWidth={860}>
        <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" withTableBorder data-testid="campaign-report-arms">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={120}>{t('campaigns.groups.group')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.recipients')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.openedClicked')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.conversions')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.rate')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.revenue')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.report.rpr')}</Table.Th>
              <Table.Th ta="right">
                <Tooltip label={t('campaigns.report.bestHelp')} multiline maw={300}>
                  <span>{t('campaigns.report.best')}</span>
                </Tooltip>
              </Table.Th>
              <Table.Th ta="right">
                <Tooltip label={t('campaigns.report.lossHelp')} multiline maw={300}>
                  <span>{t('campaigns.report.loss')}</span>
                </Tooltip>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.arms.map((arm) => (
              <Table.Tr
                key={arm.name}
                data-testid="campaign-report-arm"
                data-name={arm.name}
                data-holdout={arm.holdout}
                data-recipients={arm.recipients}
                data-conversions={arm.conversions}
                data-rate={arm.rate}
              >
                <Table.Td>
                  {arm.holdout ? (
                    <Badge size="sm" variant="light" color="gray" tt="none">
                      {t('campaigns.groups.holdout')}
                    </Badge>
                  ) : (
                    <Text size="sm" fw={600}>
                      {arm.name}
                    </Text>
                  )}
                  {arm.fromOrders && (
                    <Text size="xs" c="dimmed">
                      {t('campaigns.report.fromOrders')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {format.integer(arm.recipients)}
                  {arm.delivered !== null && (
                    <Text size="xs" c="dimmed">
                      {t('campaigns.report.delivered', { delivered: format.integer(arm.delivered) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {arm.holdout ? dash : `${format.integer(arm.opened)} · ${format.integer(arm.clicked)}`}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.integer(arm.conversions)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }} data-testid="campaign-report-arm-rate">
                  <Text size="sm" fw={600} span>
                    {format.percent(arm.rate)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('campaigns.report.range', { low: format.percent(arm.ciLow), high: format.percent(arm.ciHigh) })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {money(arm.revenue)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600} span>
                    {money(arm.revenuePerRecipient)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('campaigns.report.range', { low: money(arm.rprLow), high: money(arm.rprHigh) })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular" data-testid="campaign-report-arm-best" data-value={arm.probabilityBest}>
                  {format.percent(arm.probabilityBest)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {t('campaigns.report.points', { value: format.decimal(arm.expectedLoss * 100, 2) })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
