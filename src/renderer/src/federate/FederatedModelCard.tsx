import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FederatedModelSummary } from '../../../shared/federate-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFormat } from '../format/useFormat';
import { FactList } from '../models/FactList';
import { RoundLossChart } from './RoundLossChart';

type Props = { model: FederatedModelSummary; onDeleted: () => void };

/** The federated model beside this office's own model of the same spec: AUC on the same held-out customers. */
export function FederatedModelCard({ model, onDeleted }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const detail = useApiQuery('federate.get', { id: model.id });
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { evaluation } = model;
  const auc = (v: number | null): string => (v === null ? t('federation.card.none') : format.decimal(v, 3));
  const gap = evaluation.federatedAuc !== null && evaluation.localAuc !== null ? evaluation.federatedAuc - evaluation.localAuc : null;
  const what = model.label === 'churn' ? t('federation.propose.churn') : `${t('federation.propose.purchase')}: ${model.category ?? ''}`;

  const remove = async (): Promise<void> => {
    setDeleting(true);
    setError(undefined);
    try {
      await api.invoke('federate.delete', { id: model.id });
      setAsking(false);
      onDeleted();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Paper p="md" data-testid="federated-model" data-model-id={model.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <IconUsersGroup size={20} aria-hidden />
              <Title order={3}>{model.name}</Title>
            </Group>
            <Text size="xs" c="dimmed">
              {what}, {model.horizonDays} d · {t('federation.card.created', { when: format.dateTime(model.createdAt) })} · {t('federation.card.role')}{' '}
              {model.role === 'coordinator' ? t('federation.card.coordinator') : t('federation.card.participant')}
            </Text>
          </div>
          <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setAsking(true)} data-testid="federated-model-delete">
            {t('federation.card.delete')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <AucTile title={t('federation.card.federated')} value={auc(evaluation.federatedAuc)} hint={t('federation.card.auc')} testId="federated-auc" accent />
          <AucTile title={t('federation.card.local')} value={auc(evaluation.localAuc)} hint={t('federation.card.auc')} testId="local-auc" />
          <FactList
            title={t('federation.card.offices')}
            facts={model.participants.map((p) => ({ label: p.name, value: p.rows === null ? '—' : format.integer(p.rows) }))}
            testId="federated-participants"
          />
        </SimpleGrid>
        {gap !== null && (
          <Text size="sm" data-testid="federated-comparison">
            {Math.abs(gap) < 0.005
              ? t('federation.card.same')
              : gap > 0
                ? t('federation.card.better', { gap: format.decimal(gap, 3) })
                : t('federation.card.worse', { gap: format.decimal(-gap, 3) })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <FactList
            title={t('federation.card.auc')}
            facts={[
              { label: t('federation.card.heldOut'), value: format.integer(evaluation.heldOutRows), hint: t('federation.card.aucHint') },
              { label: t('federation.card.trainRows'), value: format.integer(evaluation.trainRows) },
              { label: t('federation.card.rounds'), value: format.integer(model.rounds) },
              { label: t('federation.card.secure'), value: model.secure ? t('common.yes') : t('common.no') },
              { label: t('federation.card.epsilon'), value: model.epsilon === null ? t('federation.card.epsilonOff') : format.decimal(model.epsilon, 2) },
            ]}
          />
          {detail.data ? (
            <RoundLossChart points={detail.data.history.flatMap((h) => (h.trainLoss === null ? [] : [{ round: h.round, loss: h.trainLoss }]))} height={180} testId="federated-loss" />
          ) : (
            <Skeleton h={180} />
          )}
        </SimpleGrid>
      </Stack>
      <ConfirmDialog
        opened={asking}
        title={t('federation.card.delete')}
        confirmLabel={t('federation.card.delete')}
        danger
        busy={deleting}
        error={error}
        onConfirm={() => void remove()}
        onClose={() => setAsking(false)}
        testId="federated-model-delete-dialog"
      >
        <Text size="sm">{t('federation.card.deleteConfirm')}</Text>
      </ConfirmDialog>
    </Paper>
  );
}

function AucTile({ title, value, hint, testId, accent }: { title: string; value: string; hint: string; testId: string; accent?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap={2}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {title}
          </Text>
          {accent && (
            <Badge size="xs" variant="light">
              AUC
            </Badge>
          )}
        </Group>
        <Text fz={32} fw={700} className="tabular" data-testid={testId}>
          {value}
        </Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}
