import { Badge, Button, Grid, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconCircleCheckFilled, IconCircleDashed, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceStats } from '../../../shared/contract';
import { navigate } from '../app/navigation';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ErrorAlert } from './ErrorAlert';

export type RecordKind = 'customers' | 'orders' | 'products' | 'reviews' | 'campaigns' | 'campaignResults';

export type Requirement = { records: RecordKind; optional?: boolean };

type Props = {
  icon: Icon;
  /** What this section will let the marketer do. */
  heading: string;
  description: string;
  points: readonly string[];
  requirements: readonly Requirement[];
  /** Extra facts that matter for this section (real ones only). */
  aside?: ReactNode;
  testId: string;
};

function RequirementRow({ requirement, stats }: { requirement: Requirement; stats: WorkspaceStats }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = stats[requirement.records];
  const met = count > 0;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid={`requirement-${requirement.records}`} data-met={met}>
      <ThemeIcon size={20} radius="xl" variant="transparent" color={met ? 'teal' : 'gray'}>
        {met ? <IconCircleCheckFilled size={18} /> : <IconCircleDashed size={18} />}
      </ThemeIcon>
      <Stack gap={0} style={{ flex: 1 }}>
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {t(`records.${requirement.records}`)}
          </Text>
          {requirement.optional && (
            <Text size="xs" c="dimmed">
              {t('placeholder.optional')}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed" className="tabular">
          {met ? t('placeholder.have', { formatted: format.integer(count) }) : t('placeholder.none')}
        </Text>
      </Stack>
    </Group>
  );
}

/**
 * A section that is not built yet, said honestly: what it will do, which records it needs (checked against the
 * open workspace) and the next step when there is one. No sample rows, no made-up figures.
 */
export function SectionPlaceholder({ icon: IconComponent, heading, description, points, requirements, aside, testId }: Props) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const stats = useWorkspaceQuery('workspace.stats', {});
  const counts = stats.data;
  const missing = counts ? requirements.filter((r) => !r.optional && counts[r.records] === 0) : [];
  const ready = counts !== undefined && missing.length === 0;

  return (
    <Paper p="xl" data-testid={testId}>
      <Grid gap={48}>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Group gap="sm">
              <ThemeIcon size={44} radius="md" variant="light">
                <IconComponent size={24} stroke={1.5} />
              </ThemeIcon>
              <Badge variant="light" color="gray">
                {t('placeholder.notYetBuilt')}
              </Badge>
            </Group>
            <Title order={2}>{heading}</Title>
            <Text size="sm" c="dimmed" maw={560}>
              {description}
            </Text>
            <List size="sm" spacing={6} maw={560}>
              {points.map((point) => (
                <List.Item key={point}>{point}</List.Item>
              ))}
            </List>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper p="md" bg="var(--mantine-color-default-hover)" withBorder={false}>
              <Stack gap="sm">
                <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
                  {t('placeholder.needs')}
                </Text>
                {stats.error && <ErrorAlert error={stats.error} onRetry={stats.refetch} />}
                {counts
                  ? requirements.map((requirement) => (
                      <RequirementRow key={requirement.records} requirement={requirement} stats={counts} />
                    ))
                  : !stats.error && requirements.map((r) => <Skeleton key={r.records} h={34} />)}
                {stats.data && (
                  <Text size="sm" mt={4}>
                    {ready ? t('placeholder.ready') : t('placeholder.missing')}
                  </Text>
                )}
                {stats.data && !ready && (
                  <Group gap="xs">
                    {workspace?.isEmpty && (
                      <Button size="sm" rightSection={<IconArrowRight size={16} />} onClick={() => navigate('dashboard')}>
                        {t('placeholder.loadDemo')}
                      </Button>
                    )}
                    <Button size="sm" variant="default" onClick={() => navigate('data')}>
                      {t('placeholder.importFormats')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
            {aside}
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
