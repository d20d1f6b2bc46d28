import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function BrandMark() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={26} radius="md" variant="gradient" gradient={{ from: 'brand.5', to: 'brand.8', deg: 135 }}>
        <IconChartDots3 size={16} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} size="md" style={{ letterSpacing: '-0.01em' }}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
