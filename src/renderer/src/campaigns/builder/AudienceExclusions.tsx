import { Autocomplete, Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Exclusions } from '../../../../shared/campaign-schemas';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { PercentInput } from '../inputs';
import { useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

const DEFAULT_CONTACTED_DAYS = 14;
const DEFAULT_P_ALIVE = 0.2;
const DEFAULT_BOUGHT_DAYS = 90;

const intOrUndefined = (value: string | number): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined);

/** Who is left out, in the order the engine applies it: recently contacted, no consent, probably gone, already bought. */
export function AudienceExclusions() {
  const { t } = useTranslation();
  const { plan, update, frozen, problem } = useBuilder();
  const fields = useWorkspaceQuery('segments.fields', {});
  const ex = plan.audience.exclusions;
  const set = (patch: Partial<Exclusions>): void =>
    update((p) => ({ ...p, audience: { ...p.audience, exclusions: { ...p.audience.exclusions, ...patch } } }));
  const bought = ex.alreadyBought;
  const setBought = (patch: Partial<NonNullable<Exclusions['alreadyBought']>>): void => set({ alreadyBought: { ...bought, ...patch } });
  const at = (key: string) => problem(`audience.exclusions.${key}`);

  return (
    <StepCard title={t('campaigns.exclusions.title')} help={t('campaigns.exclusions.help')} testId="campaign-exclusions">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Switch
            label={t('campaigns.exclusions.contacted')}
            description={t('campaigns.exclusions.contactedHelp')}
            checked={ex.contactedWithinDays !== undefined}
            onChange={(event) => set({ contactedWithinDays: event.currentTarget.checked ? DEFAULT_CONTACTED_DAYS : undefined })}
            disabled={frozen}
            data-testid="campaign-exclude-contacted"
          />
          <NumberInput
            w={150}
            aria-label={t('campaigns.exclusions.contactedDays')}
            suffix={` ${t('campaigns.units.days')}`}
            value={ex.contactedWithinDays ?? ''}
            onChange={(value) => set({ contactedWithinDays: intOrUndefined(value) })}
            min={1}
            max={365}
            allowDecimal={false}
            disabled={frozen || ex.contactedWithinDays === undefined}
            error={at('contactedWithinDays')}
            data-testid="campaign-exclude-contacted-days"
          />
        </Group>
        <Switch
          label={t('campaigns.exclusions.consent')}
          description={t('campaigns.exclusions.consentHelp')}
          checked={ex.notAcceptingMarketing}
          onChange={(event) => set({ notAcceptingMarketing: event.currentTarget.checked })}
          disabled={frozen}
          data-testid="campaign-exclude-consent"
        />
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Switch
            label={t('campaigns.exclusions.pAlive')}
            description={t('campaigns.exclusions.pAliveHelp')}
            checked={ex.pAliveBelow !== undefined}
            onChange={(event) => set({ pAliveBelow: event.currentTarget.checked ? DEFAULT_P_ALIVE : undefined })}
            disabled={frozen}
            data-testid="campaign-exclude-palive"
          />
          <PercentInput
            w={150}
            label={t('campaigns.exclusions.pAliveThreshold')}
            hideLabel
            value={ex.pAliveBelow}
            onChange={(pAliveBelow) => set({ pAliveBelow })}
            min={0.01}
            max={0.99}
            disabled={frozen || ex.pAliveBelow === undefined}
            error={at('pAliveBelow')}
            testId="campaign-exclude-palive-threshold"
          />
        </Group>
        <Stack gap="xs">
          <Switch
            label={t('campaigns.exclusions.bought')}
            description={t('campaigns.exclusions.boughtHelp')}
            checked={bought !== undefined}
            onChange={(event) => set({ alreadyBought: event.currentTarget.checked ? { withinDays: DEFAULT_BOUGHT_DAYS } : undefined })}
            disabled={frozen}
            data-testid="campaign-exclude-bought"
          />
          {bought && (
            <Group gap="sm" align="flex-start" grow pl={54}>
              <TextInput
                label={t('campaigns.exclusions.sku')}
                placeholder={t('campaigns.exclusions.skuPlaceholder')}
                value={bought.sku ?? ''}
                onChange={(event) => setBought({ sku: event.currentTarget.value.trim() ? event.currentTarget.value : undefined })}
                disabled={frozen}
                error={at('alreadyBought.sku')}
                data-testid="campaign-exclude-bought-sku"
              />
              <Autocomplete
                label={t('campaigns.exclusions.category')}
                placeholder={t('campaigns.exclusions.categoryPlaceholder')}
                data={fields.data?.categories ?? []}
                value={bought.category ?? ''}
                onChange={(value) => setBought({ category: value.trim() ? value : undefined })}
                disabled={frozen}
                error={at('alreadyBought.category')}
                data-testid="campaign-exclude-bought-category"
              />
              <NumberInput
                label={t('campaigns.exclusions.within')}
                placeholder={t('campaigns.exclusions.withinAll')}
                suffix={` ${t('campaigns.units.days')}`}
                value={bought.withinDays ?? ''}
                onChange={(value) => setBought({ withinDays: intOrUndefined(value) })}
                min={1}
                max={3650}
                allowDecimal={false}
                disabled={frozen}
                error={at('alreadyBought.withinDays')}
                data-testid="campaign-exclude-bought-days"
              />
            </Group>
          )}
        </Stack>
      </Stack>
    </StepCard>
  );
}
