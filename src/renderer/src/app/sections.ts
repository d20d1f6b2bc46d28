import {
  IconAddressBook,
  IconBrain,
  IconDatabase,
  IconFilter,
  IconLayoutDashboard,
  IconSettings,
  IconSpeakerphone,
  IconWriting,
  type Icon,
} from '@tabler/icons-react';

export const sectionIds = ['dashboard', 'customers', 'segments', 'campaigns', 'copy', 'models', 'data', 'settings'] as const;
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
  { id: 'segments', icon: IconFilter, digit: 3 },
  { id: 'campaigns', icon: IconSpeakerphone, digit: 4 },
  { id: 'copy', icon: IconWriting, digit: 5 },
  { id: 'models', icon: IconBrain, digit: 6 },
  { id: 'data', icon: IconDatabase, digit: 7 },
  { id: 'settings', icon: IconSettings, digit: 8 },
];

export const isSectionId = (value: string): value is SectionId => (sectionIds as readonly string[]).includes(value);
