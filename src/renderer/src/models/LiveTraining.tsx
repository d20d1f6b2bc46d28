import { Alert, Button, CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { modelJobResultSchema } from '../../../shared/model-schemas';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import type { JobView } from '../jobs/jobs-reducer';
import { LossChart } from './LossChart';
import { headlineText, modelName } from './model-labels';
import { useLossPoints } from './useLossPoints';

type Props = {
  job: JobView;
  onShowModel: (modelId: number) => void;
  onDismiss: () => void;
};

/** A training job as it runs: progress, Cancel, and the loss curve growing epoch by epoch; then its outcome. */
export function LiveTraining({ job, onShowModel, onDismiss }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const points = useLossPoints(job.id);
  const running = job.status === 'running';
  const parsed = job.status === 'done' ? modelJobResultSchema.safeParse(job.result) : null;
  const result = parsed?.success ? parsed.data : null;
  const curve = job.kind === 'model.train' || points.length > 0;

  return (
    <Paper p="md" data-testid="live-training" data-status={job.status} data-points={points.length}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={2}>{t(`modelLab.live.status.${job.status}`)}</Title>
            <Text size="xs" c="dimmed">
              {job.title}
            </Text>
          </div>
          {!running && <CloseButton onClick={onDismiss} aria-label={t('modelLab.live.dismiss')} data-testid="live-training-dismiss" />}
        </Group>
        {result ? (
          // Finished: the outcome in one line; the curve is kept in the version's card.
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="live-training-result">
            <Group justify="space-between" gap="sm">
              <Text size="sm">
                {t('modelLab.live.result', {
                  model: modelName(result.card, t),
                  version: String(result.version),
                  headline: headlineText(result.card, format, t),
                  scored: format.integer(result.scored),
                  seconds: format.duration(result.card.seconds),
                })}
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => onShowModel(result.modelId)}>
                {t('modelLab.live.showCard')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <>
            <JobProgress job={job} size="md" showTitle={false} />
            {curve && (
              <>
                <LossChart points={points} height={230} testId="live-loss" />
                <Text size="xs" c="dimmed">
                  {t('modelLab.loss.explain')}
                </Text>
              </>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
