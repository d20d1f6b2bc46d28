import { Alert, Badge, Grid, Group, Loader, Paper, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceResult as Result } from '../../../../shared/campaign-schemas';
import type { ApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { sendHoursOption } from '../campaign-charts';
import { GroupsTable } from './GroupsTable';

type Step = { key: string; label: string; removed: number; left: number };

/** From matched to final: each exclusion's removed count, then the cap, in the order the engine applies them. */
function waterfall(result: Result, capLabel: (cap: NonNullable<Result['cap']>) => string): Step[] {
  let left = result.matched;
  const steps = result.exclusions.map((e) => {
    left -= e.removed;
    return { key: e.reason, label: e.label, removed: e.removed, left };
  });
  if (result.cap && left > result.size) steps.push({ key: 'cap', label: capLabel(result.cap), removed: left - result.size, left: result.size });
  return steps;
}

/** The audience of the saved plan: how many matched, who was left out and why, who is left, and how they are split. */
export function AudienceResult({ query, everyone }: { query: ApiQuery<Result>; everyone: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (query.error) return <ErrorAlert error={query.error} title={t('campaigns.audienceResult.failed')} onRetry={query.refetch} />;
  const result = query.data;
  if (!result) return <Skeleton h={360} />;
  const steps = waterfall(result, (cap) => t('campaigns.audienceResult.capRow', { size: format.integer(cap.size), score: cap.label }));
  const share = (n: number): number => (result.matched > 0 ? (n / result.matched) * 100 : 0);

  return (
    <Stack gap="md">
      <Paper p="md" data-testid="campaign-audience-result" data-size={result.size} data-matched={result.matched} data-frozen={result.frozen}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Text size="sm" c="dimmed">
              {t('campaigns.audienceResult.size')}
            </Text>
            <Text fz={32} fw={700} className="tabular" lh={1.1} data-testid="campaign-audience-size" data-value={result.size}>
              {format.integer(result.size)}
            </Text>
          </div>
          <Group gap={6}>
            {query.refreshing && <Loader size={14} aria-label={t('campaigns.audienceResult.updating')} />}
            {result.frozen && (
              <Badge color="blue" variant="light" leftSection={<IconLock size={11} />} data-testid="campaign-audience-frozen-badge">
                {t('campaigns.audienceResult.frozen')}
              </Badge>
            )}
          </Group>
        </Group>
        <Table fz="sm" verticalSpacing={5} mt="sm" data-testid="campaign-audience-waterfall">
          <Table.Tbody>
            <Table.Tr data-testid="campaign-audience-matched" data-value={result.matched}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {everyone ? t('campaigns.audienceResult.everyone') : t('campaigns.audienceResult.matched')}
                </Text>
                <Progress value={100} size="xs" mt={4} aria-hidden />
              </Table.Td>
              <Table.Td ta="right" className="tabular" fw={600} w={110}>
                {format.integer(result.matched)}
              </Table.Td>
            </Table.Tr>
            {steps.map((s) => (
              <Table.Tr key={s.key} data-testid="campaign-audience-exclusion" data-reason={s.key} data-removed={s.removed}>
                <Table.Td>
                  <Text size="sm">{t('campaigns.audienceResult.minus', { label: s.label })}</Text>
                  <Progress value={share(s.left)} size="xs" mt={4} color={s.key === 'cap' ? 'violet' : 'orange'} aria-hidden />
                </Table.Td>
                <Table.Td ta="right" className="tabular" c={s.removed > 0 ? 'orange' : 'dimmed'} w={110}>
                  {s.removed > 0 ? `−${format.integer(s.removed)}` : format.integer(0)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={700}>
                  {t('campaigns.audienceResult.final')}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular" fw={700} w={110}>
                {format.integer(result.size)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      {result.cap && (
        <Alert
          color={result.cap.available ? 'blue' : 'yellow'}
          variant="light"
          icon={<IconInfoCircle size={18} />}
          title={result.cap.available ? t('campaigns.audienceResult.capUsed', { model: result.cap.model ?? result.cap.label }) : t('campaigns.audienceResult.capMissing')}
          data-testid="campaign-cap-note"
          data-available={result.cap.available}
        >
          <Text size="sm">{result.cap.note}</Text>
        </Alert>
      )}
      <Paper p="md">
        <Title order={3}>{t('campaigns.audienceResult.split')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('campaigns.audienceResult.splitHelp')}
        </Text>
        <GroupsTable groups={result.groups} testId="campaign-audience-groups" />
      </Paper>
    </Stack>
  );
}

/** When they buy (hour of day) and the strata the split balances. */
export function AudienceHours({ result }: { result: Result }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(() => sendHoursOption(result.sendHours, format, t), [result.sendHours, format, t]);
  const known = result.sendHours.reduce((sum, n) => sum + n, 0);
  const best = result.sendHours.indexOf(Math.max(...result.sendHours));
  return (
    <Grid gap="md" align="stretch">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper p="md" h="100%">
          <Title order={3}>{t('campaigns.audienceResult.hoursTitle')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {known > 0
              ? t('campaigns.audienceResult.hoursHelp', { hour: String(best).padStart(2, '0'), unknown: format.integer(result.sendHoursUnknown) })
              : t('campaigns.audienceResult.hoursNone')}
          </Text>
          {known > 0 && <Chart option={option} height={200} label={t('campaigns.audienceResult.hoursTitle')} testId="campaign-send-hours" />}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper p="md" h="100%" data-testid="campaign-strata">
          <Title order={3}>{t('campaigns.audienceResult.strataTitle')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('campaigns.audienceResult.strataHelp')}
          </Text>
          <Table fz="sm" verticalSpacing={3}>
            <Table.Tbody>
              {result.strata.map((s) => (
                <Table.Tr key={s.stratum}>
                  <Table.Td>{s.stratum}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format.integer(s.size)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
