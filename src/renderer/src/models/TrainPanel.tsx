import { Alert, Button, Group, Input, NumberInput, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseImport, IconPlayerPlay, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClvModel } from '../../../shared/clv-schemas';
import type { ModelKind, ModelOptions } from '../../../shared/model-schemas';
import type { ApiError } from '../api/api-error';
import { navigate } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';

export type TrainRequest =
  | { kind: 'churn'; horizonDays: number; folds: number }
  | { kind: 'purchase'; category: string; horizonDays: number; folds: number }
  | { kind: 'clv'; model: ClvModel; horizonMonths: number };

type Props = {
  options: ModelOptions;
  /** A training job runs: no second one until it ends. */
  busy: boolean;
  starting: boolean;
  error: ApiError | undefined;
  onTrain: (request: TrainRequest) => void;
};

const FOLDS = ['3', '5', '10'];

/** What to train and on which horizon; says plainly when the data is not enough and what to do about it. */
export function TrainPanel({ options, busy, starting, error, onTrain }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState<ModelKind>('churn');
  const [category, setCategory] = useState<string | null>(null);
  const [horizonDays, setHorizonDays] = useState<number | string>(options.defaultHorizonDays);
  const [folds, setFolds] = useState('5');
  const [clvModel, setClvModel] = useState<ClvModel>('bgnbd');
  const [horizonMonths, setHorizonMonths] = useState<number | string>(12);

  const days = typeof horizonDays === 'number' ? horizonDays : Number.NaN;
  const months = typeof horizonMonths === 'number' ? horizonMonths : Number.NaN;
  const daysValid = Number.isInteger(days) && days >= 7 && days <= 365;
  const monthsValid = Number.isInteger(months) && months >= 1 && months <= 120;
  const noCategories = kind === 'purchase' && options.categories.length === 0;
  const ready =
    options.notEnough === null &&
    (kind === 'clv' ? monthsValid : daysValid && (kind === 'churn' || (category !== null && !noCategories)));

  const submit = (): void => {
    if (!ready || busy) return;
    if (kind === 'clv') onTrain({ kind, model: clvModel, horizonMonths: months });
    else if (kind === 'purchase' && category) onTrain({ kind, category, horizonDays: days, folds: Number(folds) });
    else onTrain({ kind: 'churn', horizonDays: days, folds: Number(folds) });
  };

  return (
    <Paper p="md" data-testid="train-panel">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <div>
            <Title order={2}>{t('modelLab.train.title')}</Title>
            <Text size="xs" c="dimmed">
              {options.firstOrderDate && options.lastOrderDate
                ? t('modelLab.train.history', {
                    from: format.date(options.firstOrderDate.slice(0, 10)),
                    to: format.date(options.lastOrderDate.slice(0, 10)),
                    days: format.integer(options.historyDays),
                    customers: format.integer(options.customersWithOrders),
                  })
                : t('modelLab.train.noHistory')}
            </Text>
          </div>

          <Group gap="sm" align="flex-end" wrap="wrap">
            <Stack gap={0}>
              <Input.Label id="train-kind-label">{t('modelLab.train.kindLabel')}</Input.Label>
              <SegmentedControl
                value={kind}
                onChange={(value) => setKind(value as ModelKind)}
                data={[
                  { value: 'churn', label: t('modelLab.kinds.churn') },
                  { value: 'purchase', label: t('modelLab.kinds.purchase') },
                  { value: 'clv', label: t('modelLab.kinds.clv') },
                ]}
                aria-labelledby="train-kind-label"
                data-testid="train-kind"
              />
            </Stack>
            {kind === 'purchase' && (
              <Select
                w={230}
                label={t('modelLab.train.category')}
                placeholder={noCategories ? t('modelLab.train.noCategories') : t('modelLab.train.categoryPlaceholder')}
                data={options.categories.map((c) => ({
                  value: c.name,
                  label: t('modelLab.train.categoryOption', { name: c.name, customers: format.integer(c.customers) }),
                }))}
                value={category}
                onChange={setCategory}
                searchable
                disabled={noCategories}
                nothingFoundMessage={t('modelLab.train.noCategoryMatch')}
                data-testid="train-category"
              />
            )}
            {kind === 'clv' ? (
              <>
                <Stack gap={0}>
                  <Input.Label id="train-clv-model-label">{t('modelLab.train.clvModel')}</Input.Label>
                  <SegmentedControl
                    value={clvModel}
                    onChange={(value) => setClvModel(value as ClvModel)}
                    data={[
                      { value: 'bgnbd', label: t('modelLab.clvModels.bgnbd') },
                      { value: 'pareto', label: t('modelLab.clvModels.pareto') },
                    ]}
                    aria-labelledby="train-clv-model-label"
                    data-testid="train-clv-model"
                  />
                </Stack>
                <NumberInput
                  w={140}
                  label={t('modelLab.train.horizonMonths')}
                  min={1}
                  max={120}
                  allowDecimal={false}
                  value={horizonMonths}
                  onChange={setHorizonMonths}
                  error={monthsValid ? undefined : t('modelLab.train.monthsRange')}
                  data-testid="train-horizon-months"
                />
              </>
            ) : (
              <>
                <NumberInput
                  w={130}
                  label={t('modelLab.train.horizonDays')}
                  title={t('modelLab.train.horizonHint')}
                  min={7}
                  max={365}
                  allowDecimal={false}
                  value={horizonDays}
                  onChange={setHorizonDays}
                  error={daysValid ? undefined : t('modelLab.train.daysRange')}
                  data-testid="train-horizon"
                />
                <Select
                  w={90}
                  label={t('modelLab.train.folds')}
                  title={t('modelLab.train.foldsHint')}
                  data={FOLDS}
                  value={folds}
                  onChange={(value) => value && setFolds(value)}
                  allowDeselect={false}
                  data-testid="train-folds"
                />
              </>
            )}
            <Button type="submit" leftSection={<IconPlayerPlay size={16} />} disabled={!ready || busy} loading={starting} data-testid="train-start">
              {t(`modelLab.train.start.${kind}`)}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t(`modelLab.train.explain.${kind}`)} {busy ? t('modelLab.train.busy') : t('modelLab.train.background')}
          </Text>

          {options.notEnough !== null && <NotEnough message={options.notEnough} />}
          {error && <ErrorAlert error={error} title={t('modelLab.train.failed')} />}

        </Stack>
      </form>
    </Paper>
  );
}

/** The engine's reason there is not enough data, and the two ways to get more. */
function NotEnough({ message }: { message: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('modelLab.notEnough.title')} data-testid="train-not-enough">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        <Text size="sm">{t('modelLab.notEnough.next')}</Text>
        <Group gap="xs">
          <Button size="xs" leftSection={<IconDatabaseImport size={14} />} onClick={() => navigate('data')}>
            {t('modelLab.notEnough.import')}
          </Button>
          {workspace?.isEmpty && (
            <Button size="xs" variant="default" leftSection={<IconSparkles size={14} />} onClick={() => navigate('dashboard')}>
              {t('modelLab.notEnough.demo')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
