import { AppShell, Box } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSectionHotkeys } from '../app/useSectionHotkeys';
import classes from './AppLayout.module.css';
import { ConnectionBanner } from './ConnectionBanner';
import { EngineStatusBanner } from './EngineStatusBanner';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';

/** One layout everywhere: the top bar, the sidebar of sections, any banners, then the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  useSectionHotkeys();
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 224, breakpoint: 0 }} padding={0}>
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <TopBar />
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar}>
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <div className={classes.banners}>
          <ConnectionBanner />
          <EngineStatusBanner />
        </div>
        <Box id="main" tabIndex={-1} px="xl" py="lg" className={classes.content}>
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
