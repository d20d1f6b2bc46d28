import { Alert, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheckFilled } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ModelCard as Card } from '../../../shared/model-schemas';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { BackendBadge } from '../settings/BackendBadge';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ClvDetails } from './ClvDetails';
import { ClvValidationCharts } from './ClvValidationCharts';
import { FactList, type Fact } from './FactList';
import { LossChart } from './LossChart';
import { asBackend, clvModelOf, modelName } from './model-labels';
import { PropensityCharts } from './PropensityCharts';

const day = (value: string | null, format: Formatters, none: string): string => (value ? format.date(value.slice(0, 10)) : none);

function windowFacts(card: Card, format: Formatters, t: TFunction): Fact[] {
  const w = card.dataWindow;
  const none = t('common.none');
  const facts: Fact[] = [
    { label: t(card.kind === 'sentiment' ? 'modelLab.card.window.reviewsFrom' : 'modelLab.card.window.from'), value: day(w.from, format, none) },
    {
      label: t(card.kind === 'clv' ? 'modelLab.card.window.calibrationEnd' : card.kind === 'sentiment' ? 'modelLab.card.window.reviewsTo' : 'modelLab.card.window.cutoff'),
      value: day(w.cutoff, format, none),
      hint: t(card.kind === 'clv' ? 'modelLab.card.window.calibrationEndHint' : card.kind === 'sentiment' ? 'modelLab.card.window.labelEndHint.sentiment' : 'modelLab.card.window.cutoffHint'),
      testId: 'card-cutoff',
    },
  ];
  if (card.kind !== 'clv' && card.kind !== 'sentiment') {
    facts.push({ label: t('modelLab.card.window.labelEnd'), value: day(w.labelEnd, format, none), hint: t(`modelLab.card.window.labelEndHint.${card.kind}`) });
  }
  if (w.horizonDays !== null) facts.push({ label: t('modelLab.card.window.horizon'), value: t('modelLab.days', { count: w.horizonDays, formatted: format.integer(w.horizonDays) }) });
  if (card.clv) facts.push({ label: t('modelLab.card.window.horizon'), value: t('modelLab.months', { count: card.clv.horizonMonths, formatted: format.integer(card.clv.horizonMonths) }) });
  if (w.category !== null) facts.push({ label: t('modelLab.card.window.category'), value: w.category });
  return facts;
}

function trainingFacts(card: Card, format: Formatters, t: TFunction): Fact[] {
  const backend = asBackend(card.backend);
  const facts: Fact[] = [{ label: t(card.kind === 'sentiment' ? 'modelLab.card.training.reviews' : 'modelLab.card.training.rows'), value: format.integer(card.rows), testId: 'card-rows' }];
  if (card.positives !== null && card.kind !== 'clv') {
    const share = card.rows > 0 ? ` (${format.percent(card.positives / card.rows)})` : '';
    facts.push({ label: t(`modelLab.card.training.positives.${card.kind}`), value: `${format.integer(card.positives)}${share}` });
  }
  facts.push(
    { label: t('modelLab.card.training.backend'), value: backend ? <BackendBadge backend={backend} /> : card.backend, testId: 'card-backend' },
    { label: t('modelLab.card.training.created'), value: format.dateTime(card.createdAt) },
    { label: t('modelLab.card.training.seconds'), value: format.duration(card.seconds) },
    {
      label: t(card.kind === 'sentiment' ? 'modelLab.card.training.reviewsScored' : 'modelLab.card.training.scored'),
      value: card.scored === null ? t('modelLab.card.training.notScored') : format.integer(card.scored),
      hint: t('modelLab.card.training.scoredHint'),
    },
  );
  return facts;
}

/** A review sentiment model: held-out accuracy and AUC, the model kept and its rival, and the word list it had to beat. */
function textFacts(card: Card, format: Formatters, t: TFunction): Fact[] {
  const m = card.text;
  if (!m) return [];
  const d3 = (v: number): string => format.decimal(v, 3);
  const rivals = m.candidates.filter((c) => c.model !== m.model);
  return [
    { label: t('modelLab.card.text.accuracy'), value: d3(m.accuracyMean), hint: t('modelLab.card.text.accuracyHint'), testId: 'card-accuracy' },
    { label: t('modelLab.card.text.auc'), value: d3(m.aucMean), hint: t('modelLab.card.text.aucHint'), testId: 'card-auc' },
    { label: t('modelLab.card.text.folds'), value: m.folds.map((f) => d3(f.accuracy)).join(' · '), testId: 'card-accuracy-folds' },
    {
      label: t('modelLab.card.text.model'),
      value: t(`modelLab.card.text.models.${m.model}`),
      hint: [t('modelLab.card.text.modelHint'), ...rivals.map((c) => t('modelLab.card.text.rival', { model: t(`modelLab.card.text.models.${c.model}`), accuracy: d3(c.accuracyMean), auc: d3(c.aucMean) }))].join(' '),
      testId: 'card-text-model',
    },
    { label: t('modelLab.card.text.lexicon'), value: d3(m.lexiconAccuracy), hint: t('modelLab.card.text.lexiconHint') },
    { label: t('modelLab.card.text.terms'), value: format.integer(m.terms) },
  ];
}

function qualityFacts(card: Card, format: Formatters, t: TFunction): Fact[] {
  const m = card.propensity;
  if (!m) return [];
  const d3 = (v: number): string => format.decimal(v, 3);
  return [
    { label: t('modelLab.card.quality.auc'), value: d3(m.aucMean), hint: t('modelLab.card.quality.aucHint'), testId: 'card-auc' },
    { label: t('modelLab.card.quality.aucCi'), value: t('modelLab.range', { from: d3(m.aucCi.low), to: d3(m.aucCi.high) }), testId: 'card-auc-ci' },
    { label: t('modelLab.card.quality.aucFolds'), value: m.aucFolds.map(d3).join(' · '), testId: 'card-auc-folds' },
    { label: t('modelLab.card.quality.prAuc'), value: d3(m.prAuc), hint: t('modelLab.card.quality.prAucHint', { base: format.percent(m.baseRate) }) },
    { label: t('modelLab.card.quality.logLoss'), value: d3(m.logLoss), hint: t('modelLab.card.quality.logLossHint') },
    { label: t('modelLab.card.quality.brier'), value: d3(m.brier), hint: t('modelLab.card.quality.brierHint') },
    { label: t(`modelLab.card.quality.baseRate.${card.kind === 'purchase' ? 'purchase' : 'churn'}`), value: format.percent(m.baseRate) },
  ];
}

/** Everything about one stored version: what it learned from, how good it is, and what drives it. */
export function ModelCard({ id }: { id: number }) {
  const { t } = useTranslation();
  const query = useWorkspaceQuery('models.get', { id });
  const card = query.data?.id === id ? query.data : undefined;
  if (query.error) return <ErrorAlert error={query.error} title={t('modelLab.card.loadFailed')} onRetry={query.refetch} />;
  if (!card) return <Skeleton h={480} data-testid="model-card-loading" />;
  return <CardBody card={card} />;
}

function CardBody({ card }: { card: Card }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title =
    card.kind === 'clv' && card.clv
      ? t('modelLab.card.titleClv', { model: t(`modelLab.clvModels.${clvModelOf(card.clv.params)}`), version: String(card.version) })
      : t('modelLab.card.title', { model: modelName(card, t), version: String(card.version) });
  return (
    <Paper p="md" data-testid="model-card" data-id={card.id} data-kind={card.kind} data-version={card.version}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Title order={2}>{title}</Title>
              {card.active ? (
                <Badge color="teal" variant="light" leftSection={<IconCircleCheckFilled size={12} />}>
                  {t('modelLab.versions.active')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  {t('modelLab.card.inactive')}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t(`modelLab.card.subtitle.${card.kind}`)}
            </Text>
          </div>
        </Group>

        {card.warnings.map((warning) => (
          <Alert key={warning} color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="card-warning">
            <Text size="sm">{warning}</Text>
          </Alert>
        ))}

        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <FactList title={t('modelLab.card.window.title')} facts={windowFacts(card, format, t)} testId="card-window" />
          <FactList title={t('modelLab.card.training.title')} facts={trainingFacts(card, format, t)} testId="card-training" />
          {card.propensity && <FactList title={t('modelLab.card.quality.title')} facts={qualityFacts(card, format, t)} testId="card-quality" />}
          {card.clv && <ClvDetails clv={card.clv} />}
          {card.text && <FactList title={t('modelLab.card.text.title')} facts={textFacts(card, format, t)} testId="card-quality" />}
        </SimpleGrid>

        {card.propensity && card.kind !== 'clv' && <PropensityCharts metrics={card.propensity} outcome={card.kind} history={card.history} />}

        {card.clv && <ClvValidationCharts validation={card.clv.validation} />}

        {card.kind === 'clv' && card.history.length > 0 && (
          <Paper p="sm" withBorder data-testid="card-loss">
            <Title order={4}>{t('modelLab.loss.title')}</Title>
            <LossChart points={card.history} height={200} testId="card-loss-chart" />
          </Paper>
        )}

        {card.features.length > 0 && (
          <Stack gap={6} data-testid="card-features">
            <Title order={4}>{t('modelLab.card.features', { count: card.features.length })}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" verticalSpacing={6}>
              {card.features.map((feature) => (
                <div key={feature.name}>
                  <Text size="sm" fw={500}>
                    {feature.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {feature.description}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
