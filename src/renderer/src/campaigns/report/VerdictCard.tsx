import { Group, Paper, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconEqual, IconQuestionMark, IconTrendingUp, IconTrophy, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CampaignReport } from '../../../../shared/campaign-schemas';

type Outcome = CampaignReport['verdict']['outcome'];

const LOOK: Record<Outcome, { color: string; icon: Icon }> = {
  winner: { color: 'teal', icon: IconTrophy },
  promising: { color: 'blue', icon: IconTrendingUp },
  'no-difference': { color: 'gray', icon: IconEqual },
  'cant-tell': { color: 'yellow', icon: IconQuestionMark },
  srm: { color: 'red', icon: IconAlertTriangle },
};

/** The verdict in plain words, big, in the colour of its outcome. */
export function VerdictCard({ verdict }: { verdict: CampaignReport['verdict'] }) {
  const { t } = useTranslation();
  const look = LOOK[verdict.outcome];
  const VerdictIcon = look.icon;
  return (
    <Paper
      p="lg"
      bg={`var(--mantine-color-${look.color}-light)`}
      style={{ borderColor: `var(--mantine-color-${look.color}-outline)` }}
      data-testid="campaign-report-verdict"
      data-outcome={verdict.outcome}
      role="status"
    >
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={48} radius="xl" color={look.color} variant="filled">
          <VerdictIcon size={26} />
        </ThemeIcon>
        <div>
          <Text size="sm" fw={700} tt="uppercase" c={`${look.color}.8`} style={{ letterSpacing: '0.04em' }}>
            {t(`campaigns.verdict.${verdict.outcome}`)}
          </Text>
          <Text fz={17} fw={600} lh={1.4} data-testid="campaign-report-verdict-text">
            {verdict.text}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
