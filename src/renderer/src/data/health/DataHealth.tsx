import { Badge, Button, Grid, Group, Paper, Skeleton, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconCircleCheck, IconInfoCircle, IconRefresh, type Icon } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { healthReportSchema, type HealthReport } from '../../../../shared/customer-schemas';
import { useApi } from '../../api/useApi';
import { useApiEvent } from '../../api/useApiEvent';
import { useTrackedJob } from '../../jobs/useTrackedJob';
import { useFormat } from '../../format/useFormat';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { WorkspaceContents } from '../WorkspaceContents';

type Check = HealthReport['checks'][number];
type Severity = Check['severity'];

const SEVERITY: Record<Severity, { color: string; icon: Icon; rank: number }> = {
  problem: { color: 'red', icon: IconAlertOctagon, rank: 0 },
  warning: { color: 'orange', icon: IconAlertTriangle, rank: 1 },
  info: { color: 'blue', icon: IconInfoCircle, rank: 2 },
  ok: { color: 'teal', icon: IconCircleCheck, rank: 3 },
};

/**
 * How trustworthy the workspace's data is: checks with what to do about them, then each table's facts. The report is
 * a job (it reads every table, seconds at a million customers): started when the tab opens, on "Check again" and
 * when the data changes; while it runs the previous report stays on screen under its progress.
 */
export function DataHealth() {
  const { t } = useTranslation();
  const api = useApi();
  const job = useTrackedJob(healthReportSchema);
  const [last, setLast] = useState<HealthReport>();
  const { start } = job;
  const check = useCallback(() => void start(() => api.invoke('customers.health', {})), [start, api]);
  // Once per mount (React's development double mount included).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    check();
  }, [check]);
  useApiEvent('workspace.changed', (change) => {
    if (change.reason === 'data') check();
  });
  useEffect(() => {
    if (job.result) setLast(job.result);
  }, [job.result]);

  const data = job.result ?? last;
  const failed = job.startError !== undefined || job.job?.status === 'failed' || job.job?.status === 'cancelled';
  return (
    <Stack gap="md" data-testid="data-health" data-status={job.job?.status ?? (job.starting ? 'starting' : 'idle')}>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {t('health.subtitle')}
        </Text>
        <Button variant="default" size="xs" leftSection={<IconRefresh size={14} />} loading={job.running} onClick={check} data-testid="health-recheck">
          {t('health.recheck')}
        </Button>
      </Group>
      <JobStatusPanel
        job={job}
        title={t('health.running')}
        failedTitle={t('health.failed')}
        cancelledText={t('health.cancelled')}
        onRetry={check}
        testId="health-job"
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {data ? <Checks checks={data.checks} /> : !failed && <Skeleton h={280} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <WorkspaceContents />
        </Grid.Col>
      </Grid>
      {data ? <Tables tables={data.tables} /> : !failed && <Skeleton h={220} />}
    </Stack>
  );
}

function Checks({ checks }: { checks: Check[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sorted = [...checks].sort((a, b) => SEVERITY[a.severity].rank - SEVERITY[b.severity].rank);
  const open = sorted.filter((c) => c.severity !== 'ok');
  const passed = sorted.filter((c) => c.severity === 'ok');
  return (
    <Paper p={0} data-testid="health-checks">
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Title order={3}>{t('health.checks')}</Title>
        <Group gap={6}>
          {(['problem', 'warning', 'info'] as const).map((severity) => {
            const n = checks.filter((c) => c.severity === severity).length;
            return n > 0 ? (
              <Badge key={severity} color={SEVERITY[severity].color} variant="light" size="sm">
                {t(`health.severityCount.${severity}`, { count: n })}
              </Badge>
            ) : null;
          })}
        </Group>
      </Group>
      <Stack gap={0}>
        {open.map((check) => (
          <CheckRow key={check.id} check={check} />
        ))}
        {open.length === 0 && (
          <Text size="sm" c="dimmed" px="md" py="sm">
            {t('health.allPassed')}
          </Text>
        )}
      </Stack>
      {passed.length > 0 && (
        <Stack gap={4} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            {t('health.passed')}
          </Text>
          <Group gap="xs">
            {passed.map((check) => (
              <Badge key={check.id} variant="light" color="teal" size="sm" tt="none" leftSection={<IconCircleCheck size={12} />} title={check.detail}>
                {check.title}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed" className="tabular">
            {t('health.passedCount', { count: passed.length, formatted: format.integer(passed.length) })}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

function CheckRow({ check }: { check: Check }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { color, icon: SeverityIcon } = SEVERITY[check.severity];
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      px="md"
      py="sm"
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-6)`, borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="health-check"
      data-severity={check.severity}
      data-id={check.id}
    >
      <ThemeIcon size={26} radius="xl" variant="light" color={color} aria-label={t(`health.severity.${check.severity}`)}>
        <SeverityIcon size={16} />
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1 }} miw={0}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm" fw={600}>
            {check.title}
          </Text>
          <Badge variant="light" color={color} size="sm" className="tabular" style={{ flexShrink: 0 }}>
            {format.integer(check.count)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {check.detail}
        </Text>
        {check.action && (
          <Text size="sm">
            <Text span fw={600}>
              {t('health.whatToDo')}
            </Text>{' '}
            {check.action}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function Tables({ tables }: { tables: HealthReport['tables'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = (iso: string): string => format.date(iso.slice(0, 10));
  return (
    <Paper p={0} data-testid="health-tables">
      <Group px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Title order={3}>{t('health.tables')}</Title>
      </Group>
      <Table fz="sm" verticalSpacing={8} horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('health.columns.table')}</Table.Th>
            <Table.Th ta="right">{t('health.columns.rows')}</Table.Th>
            <Table.Th>{t('health.columns.dates')}</Table.Th>
            <Table.Th>{t('health.columns.missing')}</Table.Th>
            <Table.Th ta="right">{t('health.columns.duplicates')}</Table.Th>
            <Table.Th>{t('health.columns.outliers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tables.map((table) => {
            const missing = table.missing.filter((m) => m.count > 0);
            const outliers = table.outliers.filter((o) => o.count > 0);
            return (
              <Table.Tr key={table.table} data-testid="health-table" data-table={table.table}>
                <Table.Td fw={600}>{table.label}</Table.Td>
                <Table.Td ta="right" className="tabular" data-testid="health-table-rows">
                  {format.integer(table.rows)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {table.dateFrom && table.dateTo ? t('health.range', { from: day(table.dateFrom), to: day(table.dateTo) }) : <Text span c="dimmed">{t('common.none')}</Text>}
                </Table.Td>
                <Table.Td>
                  {missing.length === 0 ? (
                    <Text span size="sm" c="dimmed">
                      {t('health.noneMissing')}
                    </Text>
                  ) : (
                    <Stack gap={0}>
                      {missing.map((m) => (
                        <Text key={m.column} size="xs" className="tabular">
                          <Text span ff="monospace" size="xs">
                            {m.column}
                          </Text>{' '}
                          {t('health.missingValue', { count: m.count, formatted: format.integer(m.count), share: format.percent(m.share) })}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular" c={table.duplicates > 0 ? 'orange' : undefined}>
                  {format.integer(table.duplicates)}
                </Table.Td>
                <Table.Td>
                  {outliers.length === 0 ? (
                    <Text span size="sm" c="dimmed">
                      {t('health.noOutliers')}
                    </Text>
                  ) : (
                    <Stack gap={0}>
                      {outliers.map((o) => (
                        <Text key={`${o.column}-${o.rule}`} size="xs" className="tabular">
                          <Text span ff="monospace" size="xs">
                            {o.column}
                          </Text>{' '}
                          {t('health.outlier', { formatted: format.integer(o.count), rule: o.rule })}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
