import { isSectionId, type SectionId } from './sections';

/** The current section lives in the URL hash (`#/customers`), so reloads and Back work in both doors. */
export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return isSectionId(id) ? id : 'dashboard';
}

export function navigate(section: SectionId): void {
  const target = `#/${section}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
