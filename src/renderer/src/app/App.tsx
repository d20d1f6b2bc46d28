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
import { AppLayout } from '../shell/AppLayout';
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
  return (
    <AppLayout>
      <CurrentPage key={section} />
    </AppLayout>
  );
}
