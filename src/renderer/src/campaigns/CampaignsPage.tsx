import { IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';

export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('sections.campaigns.title')} subtitle={t('sections.campaigns.subtitle')}>
      <SectionPlaceholder
        testId="placeholder-campaigns"
        icon={IconSpeakerphone}
        heading={t('sections.campaigns.heading')}
        description={t('sections.campaigns.description')}
        points={t('sections.campaigns.points', { returnObjects: true })}
        requirements={[
          { records: 'customers' },
          { records: 'orders' },
          { records: 'campaigns', optional: true },
          { records: 'campaignResults', optional: true },
        ]}
      />
    </Page>
  );
}
