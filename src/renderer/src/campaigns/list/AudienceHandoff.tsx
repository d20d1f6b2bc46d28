import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartBar, IconFilter, IconSpeakerphone, IconUsersGroup, IconWriting, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { copyAudienceHash } from '../../copy-studio/copy-route';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';

type Props = { id: number; onPlan: () => void; onClear: () => void };

/** The audience handed over from Segments ("Use in campaign"), said plainly, with a campaign for it one click away. */
export function AudienceHandoff({ id, onPlan, onClear }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const segment = useWorkspaceQuery('segments.get', { id });
  if (segment.error?.code === 'not-found') {
    return (
      <Alert color="yellow" variant="light" title={t('campaigns.audience.goneTitle')} data-testid="campaign-audience-gone">
        <Text size="sm">{t('campaigns.audience.goneText')}</Text>
        <Button size="compact-sm" variant="white" mt="xs" onClick={onClear}>
          {t('campaigns.audience.clear')}
        </Button>
      </Alert>
    );
  }
  if (segment.error) return <ErrorAlert error={segment.error} onRetry={segment.refetch} />;
  if (!segment.data) return <Skeleton h={150} />;
  const { name, count, kind } = segment.data;
  return (
    <Paper p="lg" data-testid="campaign-audience" data-segment-id={id} data-count={count}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group gap="md" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <ThemeIcon size={44} radius="md" variant="light">
            <IconUsersGroup size={24} stroke={1.5} />
          </ThemeIcon>
          <Stack gap={6}>
            <Group gap="xs">
              <Title order={2} data-testid="campaign-audience-title">
                {t('campaigns.audience.title', { name, count, customers: format.integer(count) })}
              </Title>
              <Badge variant="light" color={kind === 'static' ? 'gray' : 'brand'}>
                {t(`segments.kinds.${kind}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" maw={720}>
              {t(kind === 'static' ? 'campaigns.audience.staticText' : 'campaigns.audience.dynamicText')} {t('campaigns.audience.planText')}
            </Text>
            <Group gap="xs" mt={6}>
              <Button size="sm" leftSection={<IconSpeakerphone size={16} />} onClick={onPlan} data-testid="campaign-audience-plan">
                {t('campaigns.audience.plan')}
              </Button>
              <Button size="sm" variant="default" leftSection={<IconFilter size={16} />} onClick={() => (window.location.hash = `#/segments/saved/${id}`)} data-testid="campaign-audience-open">
                {t('campaigns.audience.open')}
              </Button>
              <Button size="sm" variant="default" leftSection={<IconChartBar size={16} />} onClick={() => (window.location.hash = `#/segments/profile/${id}`)}>
                {t('campaigns.audience.profile')}
              </Button>
              <Button size="sm" variant="default" leftSection={<IconWriting size={16} />} onClick={() => (window.location.hash = copyAudienceHash(id))} data-testid="campaign-audience-copy">
                {t('copy.handoff.writeForAudience')}
              </Button>
            </Group>
          </Stack>
        </Group>
        <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear} style={{ flexShrink: 0 }} data-testid="campaign-audience-clear">
          {t('campaigns.audience.clear')}
        </Button>
      </Group>
    </Paper>
  );
}
