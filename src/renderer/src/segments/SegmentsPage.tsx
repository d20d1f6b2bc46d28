import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';

export function SegmentsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('sections.segments.title')} subtitle={t('sections.segments.subtitle')}>
      <SectionPlaceholder
        testId="placeholder-segments"
        icon={IconFilter}
        heading={t('sections.segments.heading')}
        description={t('sections.segments.description')}
        points={t('sections.segments.points', { returnObjects: true })}
        requirements={[{ records: 'customers' }, { records: 'orders' }, { records: 'products', optional: true }]}
      />
    </Page>
  );
}
