import { Box, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import { sections, type Section } from '../app/sections';
import { shortcutLabel } from '../app/useSectionHotkeys';
import { useSection } from '../app/useSection';
import classes from './Sidebar.module.css';

function SectionLink({ section, active }: { section: Section; active: boolean }) {
  const { t } = useTranslation();
  const Icon = section.icon;
  const label = t(`sections.${section.id}.nav`);
  return (
    <NavLink
      component="a"
      href={`#/${section.id}`}
      className={classes.link}
      active={active}
      aria-current={active ? 'page' : undefined}
      label={label}
      leftSection={<Icon size={18} stroke={1.6} />}
      rightSection={
        <Text component="span" size="xs" className={classes.shortcut} aria-hidden>
          {shortcutLabel(section.digit)}
        </Text>
      }
      aria-keyshortcuts={`Alt+${section.digit}`}
      title={t('shell.goTo', { section: label, shortcut: shortcutLabel(section.digit) })}
      data-testid={`nav-${section.id}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(section.id);
      }}
    />
  );
}

/** The sections, with the current one marked and each one's keyboard shortcut. */
export function Sidebar() {
  const { t } = useTranslation();
  const current = useSection();
  const main = sections.filter((section) => section.id !== 'settings');
  const settings = sections.find((section) => section.id === 'settings');
  return (
    <Stack component="nav" aria-label={t('shell.sectionsLabel')} justify="space-between" h="100%" p="xs" gap={0}>
      <Stack gap={2}>
        {main.map((section) => (
          <SectionLink key={section.id} section={section} active={section.id === current} />
        ))}
      </Stack>
      {settings && (
        <Box pt="xs" className={classes.footer}>
          <SectionLink section={settings} active={current === 'settings'} />
        </Box>
      )}
    </Stack>
  );
}
