import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelCard } from '../../../shared/model-schemas';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { FactList, type Fact } from './FactList';
import { orderedParams, paramSymbol, paramValue } from './model-labels';

type Clv = NonNullable<ModelCard['clv']>;

/** A lifetime-value fit: its parameters under the papers' names, how well it converged, and what it predicts. */
export function ClvDetails({ clv }: { clv: Clv }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { workspace } = useWorkspace();
  const currency = workspace?.currency ?? 'EUR';
  const fit: Fact[] = [
    ...orderedParams(clv.params).map(([name, value]) => ({ label: paramSymbol(name), value: paramValue(value, format), testId: `card-param-${name}` })),
    { label: t('modelLab.clv.logLikelihood'), value: format.decimal(clv.logLikelihood, 1), hint: t('modelLab.clv.logLikelihoodHint') },
    {
      label: t('modelLab.clv.converged'),
      value: (
        <Badge size="sm" variant="light" color={clv.converged ? 'teal' : 'yellow'}>
          {clv.converged ? t('common.yes') : t('common.no')}
        </Badge>
      ),
      hint: t('modelLab.clv.convergedHint'),
    },
    { label: t('modelLab.clv.repeatCustomers'), value: format.integer(clv.repeatCustomers) },
  ];
  const value: Fact[] = [
    { label: t('modelLab.clv.meanPAlive'), value: format.percent(clv.meanPAlive), hint: t('modelLab.clv.pAliveHint'), testId: 'card-mean-p-alive' },
    {
      label: t('modelLab.clv.totalClv', { months: format.integer(clv.horizonMonths) }),
      value: clv.totalClv === null ? t('common.none') : format.wholeMoney(clv.totalClv, currency),
      testId: 'card-total-clv',
    },
    ...(clv.spend
      ? [
          { label: t('modelLab.clv.spendP'), value: paramValue(clv.spend.p, format) },
          { label: t('modelLab.clv.spendQ'), value: paramValue(clv.spend.q, format) },
          { label: t('modelLab.clv.spendV'), value: paramValue(clv.spend.v, format) },
        ]
      : []),
  ];
  return (
    <>
      <FactList title={t('modelLab.clv.fitTitle')} facts={fit} testId="card-clv-fit" />
      <FactList
        title={t('modelLab.clv.valueTitle')}
        facts={value}
        testId="card-clv-value"
        footer={
          clv.spendNote && (
            <Text size="xs" c="dimmed" data-testid="card-spend-note">
              {t('modelLab.clv.spendNote', { note: clv.spendNote })}
            </Text>
          )
        }
      />
    </>
  );
}
