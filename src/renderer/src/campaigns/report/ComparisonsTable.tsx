import { Box, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HOLDOUT_ARM, type CampaignReport } from '../../../../shared/campaign-schemas';
import { Chart } from '../../charts/Chart';
import { useFormat } from '../../format/useFormat';
import { intervalOption } from '../campaign-charts';

/** Each arm against its comparison group: the lift, absolute and relative, with its interval and p-values. */
export function ComparisonsTable({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = (arm: string): string => (arm === HOLDOUT_ARM ? t('campaigns.groups.holdout') : arm);
  const pp = (v: number): string => t('campaigns.report.signedPoints', { value: `${v > 0 ? '+' : ''}${format.decimal(v * 100, 2)}` });
  const pct = (v: number | null): string => (v === null ? t('common.none') : `${v > 0 ? '+' : ''}${format.percent(v)}`);
  const money = (v: number): string => `${v > 0 ? '+' : ''}${format.money(v, report.currency)}`;
  const p = (v: number): string => (v < 0.001 ? '< 0.001' : format.decimal(v, 3));
  const option = useMemo(
    () =>
      intervalOption(
        report.comparisons.map((c) => ({ label: t('campaigns.report.versus', { arm: name(c.arm), against: name(c.against) }), mean: c.lift, low: c.liftLow, high: c.liftHigh })),
        {
          format: pp,
          reference: { value: 0, label: t('campaigns.report.noLift') },
          estimateLabel: t('campaigns.report.lift'),
          intervalLabel: t('campaigns.report.interval'),
        },
      ),
    // `name` and `pp` read t and format only.
    [report, format, t],
  );

  return (
    <Paper p="md">
      <Title order={3}>{t('campaigns.report.comparisonsTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('campaigns.report.comparisonsHelp')}
      </Text>
      <Stack gap="md">
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" withTableBorder data-testid="campaign-report-comparisons">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.report.comparison')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.report.lift')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.report.relativeLift')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.report.pValue')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.report.adjusted')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.report.rprLift')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.comparisons.map((c) => (
                <Table.Tr key={`${c.arm}-${c.against}`} data-testid="campaign-report-comparison" data-arm={c.arm} data-against={c.against} data-lift={c.lift} data-p={c.pValue}>
                  <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>{t('campaigns.report.versus', { arm: name(c.arm), against: name(c.against) })}</Table.Td>
                  <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600} span c={c.liftLow > 0 ? 'teal' : c.liftHigh < 0 ? 'red' : undefined}>
                      {pp(c.lift)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('campaigns.report.range', { low: pp(c.liftLow), high: pp(c.liftHigh) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {pct(c.relativeLift)}
                    {c.relativeLow !== null && c.relativeHigh !== null && (
                      <Text size="xs" c="dimmed">
                        {t('campaigns.report.range', { low: pct(c.relativeLow), high: pct(c.relativeHigh) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {p(c.pValue)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {p(c.adjustedPValue)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {money(c.revenuePerRecipientLift)}
                    <Text size="xs" c="dimmed">
                      {t('campaigns.report.range', { low: money(c.rprLiftLow), high: money(c.rprLiftHigh) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Box maw={760}>
          <Text size="sm" fw={600}>
            {t('campaigns.report.liftChart')}
          </Text>
          <Chart option={option} height={60 + report.comparisons.length * 42} label={t('campaigns.report.liftChart')} testId="campaign-report-lift-chart" />
        </Box>
      </Stack>
    </Paper>
  );
}
