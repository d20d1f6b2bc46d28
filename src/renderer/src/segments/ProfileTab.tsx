import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ProfileView } from './ProfileView';
import { SegmentPicker, useResolvedRef } from './SegmentPicker';
import { useSegments } from './SegmentsContext';
import type { SegmentRefKey } from './segments-route';

/** The profile of a saved segment or of the builder's rule. */
export function ProfileTab({ refKey }: { refKey: SegmentRefKey | null }) {
  const { t } = useTranslation();
  const { go } = useSegments();
  const resolved = useResolvedRef(refKey);
  return (
    <Stack gap="md">
      <Paper p="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Text fw={650}>{t('segments.profile.title')}</Text>
            <Text size="xs" c="dimmed" maw={560}>
              {t('segments.profile.help')}
            </Text>
          </div>
          <SegmentPicker label={t('segments.profile.pick')} value={refKey} onChange={(ref) => go({ tab: 'profile', ref })} testId="profile-pick" w={340} />
        </Group>
      </Paper>
      {resolved ? (
        <ProfileLoader key={JSON.stringify(resolved.ref)} resolved={resolved} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="profile-choose">
          {refKey === 'draft' ? t('segments.profile.draftEmpty') : t('segments.profile.choose')}
        </Text>
      )}
    </Stack>
  );
}

function ProfileLoader({ resolved }: { resolved: NonNullable<ReturnType<typeof useResolvedRef>> }) {
  const { t } = useTranslation();
  const profile = useWorkspaceQuery('segments.profile', resolved.ref);
  if (profile.error) return <ErrorAlert error={profile.error} title={t('segments.profile.failed')} onRetry={profile.refetch} />;
  if (!profile.data) return <Skeleton h={420} data-testid="profile-loading" />;
  return <ProfileView profile={profile.data} name={resolved.name} />;
}
