import { Grid, Stack } from '@mantine/core';
import { ArmsEditor } from './ArmsEditor';
import { PowerPlanner } from './PowerPlanner';
import { WhatIfCalculator } from './WhatIfCalculator';

/** Step 5: the arms and the holdout, and whether this audience is big enough to tell them apart. */
export function ExperimentStep() {
  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <ArmsEditor />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md">
          <PowerPlanner />
          <WhatIfCalculator />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
