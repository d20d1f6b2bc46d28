import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SynthModelReport } from '../../../shared/synth-schemas';
import { useFormat } from '../format/useFormat';
import { FactList } from '../models/FactList';
import { DcrChart } from './SynthCharts';
import { methodName, VERDICT_COLOR } from './synth-labels';

/** The privacy verdict as a badge: safe, caution or unsafe. */
export function VerdictBadge({ verdict, testId }: { verdict: SynthModelReport['verdict']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={VERDICT_COLOR[verdict]} variant="light" tt="none" data-testid={testId} data-verdict={verdict}>
      {t(`synth.verdict.${verdict}`)}
    </Badge>
  );
}

/** Would the twin reveal the people it learned from? Per method: the verdict and its reasons, the distances, the attack. */
export function PrivacyReport({ reports }: { reports: readonly SynthModelReport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="md" data-testid="synth-privacy">
      <Text size="sm" c="dimmed" maw={860}>
        {t('synth.privacy.intro')}
      </Text>
      <SimpleGrid cols={reports.length} spacing="md">
        {reports.map((report) => {
          const p = report.privacy;
          return (
            <Stack key={report.id} gap="sm" data-testid={`synth-privacy-${report.method}`}>
              <Paper p="sm" withBorder>
                <Stack gap={6}>
                  <Group justify="space-between">
                    <Title order={4}>{methodName(report.method, t)}</Title>
                    <VerdictBadge verdict={p.verdict} testId={`synth-verdict-${report.method}`} />
                  </Group>
                  <List size="sm" spacing={2}>
                    {p.reasons.map((reason) => (
                      <List.Item key={reason}>{reason}</List.Item>
                    ))}
                  </List>
                </Stack>
              </Paper>
              <FactList
                title={t('synth.privacy.facts')}
                footer={
                  <Text size="xs" c="dimmed">
                    {t('synth.privacy.membershipRead', { auc: format.decimal(p.membershipAuc, 2) })}
                  </Text>
                }
                facts={[
                  { label: t('synth.privacy.exactCopies'), value: format.integer(p.exactCopies), hint: t('synth.privacy.exactCopiesHint'), testId: `synth-copies-${report.method}` },
                  { label: t('synth.privacy.rowsChecked'), value: format.integer(p.rows) },
                  {
                    label: t('synth.privacy.membership'),
                    value: format.decimal(p.membershipAuc, 3),
                    hint: t('synth.privacy.membershipHint'),
                    testId: `synth-mia-${report.method}`,
                  },
                  { label: t('synth.privacy.medianRatio'), value: format.decimal(p.dcr.medianRatio, 2), hint: t('synth.privacy.medianRatioHint') },
                  { label: t('synth.privacy.closerToTrain'), value: format.percent(p.dcr.closerToTrain), hint: t('synth.privacy.closerToTrainHint') },
                  {
                    label: t('synth.privacy.dp'),
                    value: p.dp ? t('synth.privacy.dpValue', { epsilon: format.decimal(p.dp.epsilon, 2), oneIn: format.integer(Math.round(1 / p.dp.delta)) }) : t('synth.privacy.dpOff'),
                    hint: t('synth.privacy.dpHint'),
                    testId: `synth-dp-${report.method}`,
                  },
                ]}
              />
              <Paper p="sm" withBorder>
                <Text size="sm" fw={600}>
                  {t('synth.privacy.dcrTitle')}
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('synth.privacy.dcrHint', {
                    synthetic: format.decimal(p.dcr.syntheticMedian, 3),
                    holdout: format.decimal(p.dcr.holdoutMedian, 3),
                    random: format.decimal(p.dcr.randomMedian, 3),
                  })}
                </Text>
                <DcrChart dcr={p.dcr} testId={`synth-dcr-${report.method}`} />
              </Paper>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** Could the twin stand in for the real rows? A model trained on each, both tested on real rows neither saw. */
export function EfficacyReport({ reports }: { reports: readonly SynthModelReport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const measured = reports.filter((r) => r.efficacy !== null);
  const first = measured[0]?.efficacy;
  if (!first) {
    return (
      <Text size="sm" c="dimmed" data-testid="synth-efficacy-none">
        {t('synth.efficacy.none')}
      </Text>
    );
  }
  const d3 = (v: number | null): string => (v === null ? t('common.none') : format.decimal(v, 3));
  const rows = [
    { key: 'accuracy', label: t('synth.efficacy.accuracy') },
    { key: 'f1', label: t('synth.efficacy.f1') },
    { key: 'auc', label: t('synth.efficacy.auc') },
  ] as const;
  return (
    <Stack gap="sm" data-testid="synth-efficacy">
      <Text size="sm" c="dimmed" maw={860}>
        {t('synth.efficacy.intro', { target: first.target, positive: first.positive, rows: format.integer(first.testRows) })}
      </Text>
      <Paper p="sm" withBorder maw={720}>
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('synth.efficacy.measure')}</Table.Th>
              <Table.Th ta="right">{t('synth.efficacy.real')}</Table.Th>
              {measured.map((r) => (
                <Table.Th key={r.id} ta="right">
                  {t('synth.efficacy.trainedOn', { method: methodName(r.method, t) })}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td ta="right" className="tabular" data-testid={`synth-efficacy-real-${row.key}`}>
                  {d3(first.real[row.key])}
                </Table.Td>
                {measured.map((r) => (
                  <Table.Td key={r.id} ta="right" className="tabular" fw={600} data-testid={`synth-efficacy-${r.method}-${row.key}`}>
                    {d3(r.efficacy?.synthetic[row.key] ?? null)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text size="xs" c="dimmed" maw={860}>
        {t('synth.efficacy.read')}
      </Text>
    </Stack>
  );
}
