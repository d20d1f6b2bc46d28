import { Button, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBrain, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/useApiQuery';
import { BackendBadge } from '../settings/BackendBadge';

type Props = {
  horizonDays: number;
  /** False when the data is not enough or a training runs. */
  canTrain: boolean;
  starting: boolean;
  onTrainChurn: () => void;
};

/** No model yet: what a churn model is for, where it will train, and a one-click start. */
export function EmptyIntro({ horizonDays, canTrain, starting, onTrainChurn }: Props) {
  const { t } = useTranslation();
  return (
    <Paper p="lg" h="100%" data-testid="models-empty">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={44} radius="md" variant="light">
            <IconBrain size={24} stroke={1.5} />
          </ThemeIcon>
          <Title order={2}>{t('modelLab.empty.title')}</Title>
        </Group>
        <Text size="sm">{t('modelLab.empty.text')}</Text>
        <List size="sm" spacing={6}>
          {t('modelLab.empty.points', { returnObjects: true }).map((point) => (
            <List.Item key={point}>{point}</List.Item>
          ))}
        </List>
        <Group gap="sm" align="center">
          <Button leftSection={<IconPlayerPlay size={16} />} disabled={!canTrain} loading={starting} onClick={onTrainChurn} data-testid="models-empty-train">
            {t('modelLab.empty.train')}
          </Button>
          <Text size="xs" c="dimmed" maw={300}>
            {t('modelLab.empty.trainHint', { days: String(horizonDays) })}
          </Text>
        </Group>
        <TrainingBackend />
      </Stack>
    </Paper>
  );
}

/** Where training will run: the real backend the engine loaded. */
function TrainingBackend() {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {});
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed">
        {t('sections.models.backendTitle')}
      </Text>
      {info.data ? (
        <>
          <BackendBadge backend={info.data.tf.backend} />
          <Text size="xs" c="dimmed">
            {t('settings.tf.version', { version: info.data.tf.version })}
          </Text>
        </>
      ) : info.error ? (
        <Text size="xs" c="red">
          {t('errors.withCode', { message: info.error.message, code: info.error.code })}
        </Text>
      ) : (
        <Skeleton h={18} w={140} />
      )}
    </Group>
  );
}
