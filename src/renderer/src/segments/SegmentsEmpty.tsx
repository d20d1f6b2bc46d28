import { Button } from '@mantine/core';
import { IconBinaryTree, IconFilter, IconGridDots, IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState, NoDataYet } from '../components/EmptyState';
import { useSegments } from './SegmentsContext';

/** A workspace without customers: what segments will do, and the two ways to get customers in. */
export function NoCustomers() {
  const { t } = useTranslation();
  return (
    <NoDataYet
      icon={IconFilter}
      title={t('segments.empty.title')}
      text={t('segments.empty.text')}
      importLabel={t('segments.empty.import')}
      demoLabel={t('segments.empty.demo')}
      testId="segments-empty"
    />
  );
}

/** Customers but no saved segment yet: the three ways to make one. */
export function NoSegments() {
  const { t } = useTranslation();
  const { go, clearBuilder } = useSegments();
  return (
    <EmptyState icon={IconFilter} title={t('segments.none.title')} text={t('segments.none.text')} testId="segments-none" maw={640} py="lg">
      <Button
        leftSection={<IconBinaryTree size={16} />}
        onClick={() => {
          clearBuilder();
          go({ tab: 'builder' });
        }}
        data-testid="segments-none-build"
      >
        {t('segments.none.build')}
      </Button>
      <Button variant="default" leftSection={<IconGridDots size={16} />} onClick={() => go({ tab: 'discover' })}>
        {t('segments.none.rfm')}
      </Button>
      <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => go({ tab: 'discover' })}>
        {t('segments.none.discover')}
      </Button>
    </EmptyState>
  );
}
