import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBrain } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/useApiQuery';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';
import { BackendBadge } from '../settings/BackendBadge';

/** Where training will run: the real backend the engine loaded. */
function TrainingBackend() {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {});
  return (
    <Paper p="md">
      <Stack gap={6}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
          {t('sections.models.backendTitle')}
        </Text>
        {info.data ? (
          <>
            <Group gap="xs">
              <BackendBadge backend={info.data.tf.backend} />
              <Text size="xs" c="dimmed">
                {t('settings.tf.version', { version: info.data.tf.version })}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t(`settings.tf.explain.${info.data.tf.backend}`)}
            </Text>
          </>
        ) : info.error ? (
          <Text size="xs" c="red">
            {t('errors.withCode', { message: info.error.message, code: info.error.code })}
          </Text>
        ) : (
          <Skeleton h={20} w={160} />
        )}
      </Stack>
    </Paper>
  );
}

export function ModelsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('sections.models.title')} subtitle={t('sections.models.subtitle')}>
      <SectionPlaceholder
        testId="placeholder-models"
        icon={IconBrain}
        heading={t('sections.models.heading')}
        description={t('sections.models.description')}
        points={t('sections.models.points', { returnObjects: true })}
        requirements={[{ records: 'customers' }, { records: 'orders' }, { records: 'campaignResults', optional: true }]}
        aside={<TrainingBackend />}
      />
    </Page>
  );
}
