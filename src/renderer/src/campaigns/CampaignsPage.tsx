import { Alert, Badge, Button, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartBar, IconFilter, IconSpeakerphone, IconUsersGroup, IconWriting, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeToHash } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';
import { copyAudienceHash } from '../copy-studio/copy-route';
import { useFormat } from '../format/useFormat';
import { audienceFromHash, audienceHash } from '../segments/segments-route';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';

const AUDIENCE_KEY = 'localyst.campaigns.audience';
type StoredAudience = { workspace: string | null; id: number };

/** The audience chosen in Segments ("Use in campaign"): in the address (`#/campaigns/audience/12`), remembered for this tab. */
function useAudience(): [number | null, (id: number | null) => void] {
  const { workspace } = useWorkspace();
  const path = workspace?.path ?? null;
  const [id, setId] = useState<number | null>(() => {
    const fromHash = audienceFromHash(window.location.hash);
    if (fromHash !== null) return fromHash;
    try {
      const stored = JSON.parse(window.sessionStorage.getItem(AUDIENCE_KEY) ?? 'null') as StoredAudience | null;
      return stored && stored.workspace === path ? stored.id : null;
    } catch {
      return null;
    }
  });
  useEffect(() => subscribeToHash(() => setId((current) => audienceFromHash(window.location.hash) ?? current)), []);
  useEffect(() => {
    try {
      if (id === null) window.sessionStorage.removeItem(AUDIENCE_KEY);
      else window.sessionStorage.setItem(AUDIENCE_KEY, JSON.stringify({ workspace: path, id } satisfies StoredAudience));
    } catch {
      // Storage can be disabled: the address still carries the audience.
    }
    const hash = id === null ? '#/campaigns' : audienceHash(id);
    if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
  }, [id, path]);
  return [id, setId];
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const [audience, setAudience] = useAudience();
  return (
    <Page title={t('sections.campaigns.title')} subtitle={t('sections.campaigns.subtitle')}>
      {audience !== null && <AudienceCard id={audience} onClear={() => setAudience(null)} />}
      <SectionPlaceholder
        testId="placeholder-campaigns"
        icon={IconSpeakerphone}
        heading={t('sections.campaigns.heading')}
        description={t('sections.campaigns.description')}
        points={t('sections.campaigns.points', { returnObjects: true })}
        requirements={[
          { records: 'customers' },
          { records: 'orders' },
          { records: 'campaigns', optional: true },
          { records: 'campaignResults', optional: true },
        ]}
      />
    </Page>
  );
}

/** The chosen audience, said plainly, with what can be done with it today and what the planner will add. */
function AudienceCard({ id, onClear }: { id: number; onClear: () => void }) {
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
            <Text size="sm" c="dimmed" maw={680}>
              {t(kind === 'static' ? 'campaigns.audience.staticText' : 'campaigns.audience.dynamicText')}
            </Text>
            <Text size="sm" fw={600} mt={4}>
              {t('campaigns.audience.nextTitle')}
            </Text>
            <List size="sm" spacing={2}>
              {t('campaigns.audience.next', { returnObjects: true }).map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
            <Group gap="xs" mt={6}>
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
