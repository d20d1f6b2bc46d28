import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconWriting } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../shared/copy-schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { copyCampaignHash } from '../../copy-studio/copy-route';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { armShares } from '../plan-model';
import { ArmContent } from './ArmContent';
import { useAnalysis, useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

/** Step 4: the message of each arm, from the copy library (saved under this campaign's name) or written here. */
export function ContentStep() {
  const { t } = useTranslation();
  const { id, plan, frozen } = useBuilder();
  const audience = useAnalysis('campaigns.audience');
  const name = plan.name.trim();
  const shares = armShares(plan.arms);
  const writeInStudio = (): void => {
    window.location.hash = copyCampaignHash(id, plan.audience.segmentIds[0] ?? null);
  };

  return (
    <Stack gap="md">
      <StepCard title={t('campaigns.content.title')} help={t('campaigns.content.help', { name })} testId="campaign-content">
        <Group gap="sm" justify="space-between">
          <Text size="sm" c="dimmed" maw={640}>
            {t('campaigns.content.studioHelp')}
          </Text>
          <Button leftSection={<IconWriting size={16} />} onClick={writeInStudio} data-testid="campaign-write-in-studio">
            {t('campaigns.content.writeInStudio')}
          </Button>
        </Group>
      </StepCard>
      {frozen && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="campaign-content-exported">
          {t('campaigns.content.frozen')}
        </Alert>
      )}
      {name ? (
        <LibraryArms name={name} shares={shares} sampleIds={audience.data?.sampleCustomerIds ?? []} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('campaigns.content.needsName')}
        </Text>
      )}
    </Stack>
  );
}

function LibraryArms({ name, shares, sampleIds }: { name: string; shares: number[]; sampleIds: number[] }) {
  const { t } = useTranslation();
  const { plan } = useBuilder();
  const library = useWorkspaceQuery('copy.libraryList', { campaign: name });
  if (library.error) return <ErrorAlert error={library.error} title={t('campaigns.content.libraryFailed')} onRetry={library.refetch} />;
  if (!library.data) return <Skeleton h={260} />;
  const items: LibraryItem[] = library.data.items;
  return (
    <Stack gap="md">
      {plan.arms.map((arm, index) => (
        <ArmContent key={index} index={index} arm={arm} share={shares[index] ?? 0} items={items} sampleIds={sampleIds} />
      ))}
    </Stack>
  );
}
