import { useHotkeys } from '@mantine/hooks';
import { navigate } from './navigation';
import { sections } from './sections';

/** Alt+1…Alt+9 go to the sections, also from inside a text field (Alt+digit types nothing there). */
export function useSectionHotkeys(): void {
  useHotkeys(
    sections.map((section) => [`alt+digit${section.digit}`, () => navigate(section.id), { usePhysicalKeys: true }]),
    [],
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** How the shortcut is written on this platform: ⌥1 on a Mac, Alt+1 elsewhere. */
export const shortcutLabel = (digit: number): string => (isMac ? `⌥${digit}` : `Alt+${digit}`);
