import { IconWriting } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';

export function CopyStudioPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('sections.copy.title')} subtitle={t('sections.copy.subtitle')}>
      <SectionPlaceholder
        testId="placeholder-copy"
        icon={IconWriting}
        heading={t('sections.copy.heading')}
        description={t('sections.copy.description')}
        points={t('sections.copy.points', { returnObjects: true })}
        requirements={[
          { records: 'campaigns' },
          { records: 'campaignResults' },
          { records: 'reviews', optional: true },
          { records: 'products', optional: true },
        ]}
      />
    </Page>
  );
}
