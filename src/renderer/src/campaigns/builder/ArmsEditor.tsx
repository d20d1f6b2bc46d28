import { ActionIcon, Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_ARMS, type ArmPlan } from '../../../../shared/campaign-schemas';
import { useFormat } from '../../format/useFormat';
import { PercentInput } from '../inputs';
import { armShares, canAddArm, nextArmName } from '../plan-model';
import { useAnalysis, useBuilder } from './BuilderContext';
import { GroupsTable } from './GroupsTable';
import { StepCard } from './StepCard';

/** The arms (up to six, optionally weighted), the holdout that receives nothing, and the seed of the random split. */
export function ArmsEditor() {
  const { t } = useTranslation();
  const format = useFormat();
  const { plan, update, frozen, problem } = useBuilder();
  const audience = useAnalysis('campaigns.audience');
  const shares = armShares(plan.arms);
  const contacted = 1 - plan.holdout;
  const setArms = (change: (arms: ArmPlan[]) => ArmPlan[]): void => update((p) => ({ ...p, arms: change(p.arms) }));
  const setArm = (index: number, patch: Partial<ArmPlan>): void => setArms((arms) => arms.map((a, i) => (i === index ? { ...a, ...patch } : a)));

  return (
    <StepCard title={t('campaigns.experiment.armsTitle')} help={t('campaigns.experiment.armsHelp', { max: String(MAX_ARMS) })} testId="campaign-arms">
      <Stack gap="md">
        {frozen && (
          <Alert color="blue" variant="light" icon={<IconLock size={18} />} data-testid="campaign-arms-frozen">
            {t('campaigns.experiment.frozen')}
          </Alert>
        )}
        <Table fz="sm" verticalSpacing={6} data-testid="campaign-arms-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.experiment.armName')}</Table.Th>
              <Table.Th w={120}>{t('campaigns.experiment.weight')}</Table.Th>
              <Table.Th ta="right" w={110}>
                {t('campaigns.experiment.shareOfAll')}
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.arms.map((arm, index) => (
              <Table.Tr key={index} data-testid="campaign-arm" data-name={arm.name}>
                <Table.Td>
                  <TextInput
                    aria-label={t('campaigns.experiment.armNameOf', { n: String(index + 1) })}
                    value={arm.name}
                    onChange={(event) => setArm(index, { name: event.currentTarget.value })}
                    maxLength={40}
                    disabled={frozen}
                    error={problem(`arms.${index}.name`)}
                    data-testid="campaign-arm-name"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('campaigns.experiment.weightOf', { name: arm.name })}
                    placeholder={t('campaigns.experiment.equal')}
                    value={arm.weight ?? ''}
                    onChange={(value) => setArm(index, { weight: typeof value === 'number' && value > 0 ? value : undefined })}
                    min={0.1}
                    max={100}
                    decimalScale={1}
                    disabled={frozen}
                    error={problem(`arms.${index}.weight`)}
                    data-testid="campaign-arm-weight"
                  />
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.percent((shares[index] ?? 0) * contacted)}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('campaigns.experiment.remove', { name: arm.name })}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setArms((arms) => arms.filter((_, i) => i !== index))}
                      disabled={frozen || plan.arms.length <= 1}
                      aria-label={t('campaigns.experiment.remove', { name: arm.name })}
                      data-testid="campaign-arm-remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td c="dimmed">{t('campaigns.groups.holdout')}</Table.Td>
              <Table.Td />
              <Table.Td ta="right" className="tabular" c="dimmed">
                {format.percent(plan.holdout)}
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setArms((arms) => [...arms, { name: nextArmName(arms) }])}
            disabled={frozen || !canAddArm(plan.arms)}
            data-testid="campaign-arm-add"
          >
            {t('campaigns.experiment.addArm')}
          </Button>
          {problem('arms') && (
            <Text size="sm" c="red">
              {problem('arms')}
            </Text>
          )}
        </Group>
        <Group grow align="flex-start">
          <PercentInput
            label={t('campaigns.experiment.holdout')}
            description={t('campaigns.experiment.holdoutHelp')}
            value={plan.holdout}
            onChange={(holdout) => update((p) => ({ ...p, holdout: holdout ?? 0 }))}
            min={0}
            max={0.9}
            decimals={1}
            disabled={frozen}
            error={problem('holdout')}
            testId="campaign-holdout"
          />
          <NumberInput
            label={t('campaigns.experiment.seed')}
            description={t('campaigns.experiment.seedHelp')}
            value={plan.seed}
            onChange={(value) => typeof value === 'number' && value >= 0 && update((p) => ({ ...p, seed: Math.round(value) }))}
            min={0}
            max={2 ** 31 - 1}
            allowDecimal={false}
            disabled={frozen}
            error={problem('seed')}
            data-testid="campaign-seed"
          />
        </Group>
        {plan.holdout === 0 && (
          <Text size="sm" c="orange" data-testid="campaign-no-holdout">
            {t('campaigns.experiment.noHoldout')}
          </Text>
        )}
        {audience.data && (
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('campaigns.experiment.groupsTitle', { customers: format.integer(audience.data.size) })}
            </Text>
            <GroupsTable groups={audience.data.groups} testId="campaign-experiment-groups" />
          </div>
        )}
      </Stack>
    </StepCard>
  );
}
