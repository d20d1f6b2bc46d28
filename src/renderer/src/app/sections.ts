import {
  IconAddressBook,
  IconBrain,
  IconChartDots3,
  IconDatabase,
  IconFilter,
  IconLayoutDashboard,
  IconMessageCircle,
  IconSettings,
  IconSpeakerphone,
  IconWriting,
  type Icon,
} from '@tabler/icons-react';

export const sectionIds = ['dashboard', 'customers', 'insights', 'reviews', 'segments', 'campaigns', 'copy', 'models', 'data', 'settings'] as const;
export type SectionId = (typeof sectionIds)[number];

export type Section = {
  id: SectionId;
  icon: Icon;
  /** The digit of its Alt+digit shortcut. */
  digit: number;
};

export const sections: readonly Section[] = [
  { id: 'dashboard', icon: IconLayoutDashboard, digit: 1 },
  { id: 'customers', icon: IconAddressBook, digit: 2 },
  { id: 'insights', icon: IconChartDots3, digit: 3 },
  // Alt+0: the digits 1–9 were taken when the reviews view came.
  { id: 'reviews', icon: IconMessageCircle, digit: 0 },
  { id: 'segments', icon: IconFilter, digit: 4 },
  { id: 'campaigns', icon: IconSpeakerphone, digit: 5 },
  { id: 'copy', icon: IconWriting, digit: 6 },
  { id: 'models', icon: IconBrain, digit: 7 },
  { id: 'data', icon: IconDatabase, digit: 8 },
  { id: 'settings', icon: IconSettings, digit: 9 },
];

export const isSectionId = (value: string): value is SectionId => (sectionIds as readonly string[]).includes(value);
