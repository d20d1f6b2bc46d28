import { IconAddressBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { SectionPlaceholder } from '../components/SectionPlaceholder';

export function CustomersPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('sections.customers.title')} subtitle={t('sections.customers.subtitle')}>
      <SectionPlaceholder
        testId="placeholder-customers"
        icon={IconAddressBook}
        heading={t('sections.customers.heading')}
        description={t('sections.customers.description')}
        points={t('sections.customers.points', { returnObjects: true })}
        requirements={[{ records: 'customers' }, { records: 'orders' }]}
      />
    </Page>
  );
}
