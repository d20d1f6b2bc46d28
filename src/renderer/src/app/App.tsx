import type { ComponentType } from 'react';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { CopyStudioPage } from '../copy-studio/CopyStudioPage';
import { CustomersPage } from '../customers/CustomersPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DataPage } from '../data/DataPage';
import { InsightsPage } from '../insights/InsightsPage';
import { ModelsPage } from '../models/ModelsPage';
import { ReviewsPage } from '../reviews/ReviewsPage';
import { SegmentsPage } from '../segments/SegmentsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { LockScreen } from '../security/LockScreen';
import { RecoveryKeyProvider } from '../security/RecoveryKeyProvider';
import { AppLayout } from '../shell/AppLayout';
import { useWorkspace } from '../workspace/useWorkspace';
import { useDocumentTitle } from './useDocumentTitle';
import type { SectionId } from './sections';
import { useSection } from './useSection';

const pages: Record<SectionId, ComponentType> = {
  dashboard: DashboardPage,
  customers: CustomersPage,
  insights: InsightsPage,
  reviews: ReviewsPage,
  segments: SegmentsPage,
  campaigns: CampaignsPage,
  copy: CopyStudioPage,
  models: ModelsPage,
  data: DataPage,
  settings: SettingsPage,
};

export function App() {
  const section = useSection();
  useDocumentTitle(section);
  const CurrentPage = pages[section];
  const { error, refresh } = useWorkspace();
  return (
    <RecoveryKeyProvider>
      {/* An encrypted workspace the engine holds locked: the lock screen instead of the pages until it is unlocked. */}
      {error?.code === 'workspace-encrypted' ? (
        <LockScreen locked={error} onOpened={refresh} />
      ) : (
        <AppLayout>
          <CurrentPage key={section} />
        </AppLayout>
      )}
    </RecoveryKeyProvider>
  );
}
