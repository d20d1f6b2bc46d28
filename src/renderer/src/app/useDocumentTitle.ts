import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../workspace/useWorkspace';
import type { SectionId } from './sections';

/** "Dashboard · my-shop · Localyst" in the window title and the task switcher. */
export function useDocumentTitle(section: SectionId): void {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const title = [t(`sections.${section}.title`), workspace?.name, t('app.name')].filter(Boolean).join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
