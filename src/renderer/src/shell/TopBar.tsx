import { Divider, Group } from '@mantine/core';
import { JobTray } from '../jobs/JobTray';
import { ColorSchemeToggle } from '../theme/ColorSchemeToggle';
import { WorkspaceSwitcher } from '../workspace/WorkspaceSwitcher';
import { BrandMark } from './BrandMark';

export function TopBar() {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <BrandMark />
        <Divider orientation="vertical" h={20} style={{ alignSelf: 'center' }} />
        <WorkspaceSwitcher />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <JobTray />
        <ColorSchemeToggle />
      </Group>
    </Group>
  );
}
