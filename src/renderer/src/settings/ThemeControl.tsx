import { SegmentedControl, Stack, Text, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ThemeControl() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="theme-label">
        {t('settings.theme.label')}
      </Text>
      <SegmentedControl
        aria-labelledby="theme-label"
        value={colorScheme}
        onChange={(value) => setColorScheme(value as MantineColorScheme)}
        data={[
          { value: 'light', label: t('settings.theme.light') },
          { value: 'dark', label: t('settings.theme.dark') },
          { value: 'auto', label: t('settings.theme.auto') },
        ]}
        data-testid="theme-control"
      />
      <Text size="xs" c="dimmed">
        {t('settings.theme.hint')}
      </Text>
    </Stack>
  );
}
