import { Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { copyGoals } from '../../../../shared/copy-schemas';
import { useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

/** Step 1: what the campaign is called and what it is for. */
export function GoalStep() {
  const { t } = useTranslation();
  const { plan, update, problem } = useBuilder();
  return (
    <StepCard title={t('campaigns.goal.title')} help={t('campaigns.goal.help')} testId="campaign-goal">
      <Stack gap="md" maw={760}>
        <TextInput
          label={t('campaigns.goal.name')}
          description={t('campaigns.goal.nameHelp')}
          value={plan.name}
          onChange={(event) => {
            const name = event.currentTarget.value;
            update((p) => ({ ...p, name }));
          }}
          error={problem('name')}
          maxLength={120}
          data-testid="campaign-name"
        />
        <Radio.Group
          label={t('campaigns.goal.goal')}
          description={t('campaigns.goal.goalHelp')}
          value={plan.goal}
          onChange={(value) => {
            const goal = copyGoals.find((g) => g === value);
            if (goal) update((p) => ({ ...p, goal }));
          }}
          data-testid="campaign-goal-choice"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {copyGoals.map((goal) => (
              <Radio.Card key={goal} value={goal} p="sm" radius="md" data-testid={`campaign-goal-${goal}`}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <div>
                    <Text size="sm" fw={600}>
                      {t(`copy.goals.${goal}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`campaigns.goal.goals.${goal}`)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      </Stack>
    </StepCard>
  );
}
