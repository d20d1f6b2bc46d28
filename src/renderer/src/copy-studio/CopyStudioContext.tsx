import { createContext, use } from 'react';
import type { LlmStatus } from '../../../shared/copy-schemas';
import type { Segment } from '../../../shared/segment-schemas';
import type { BriefDraft, GenerateSettings } from './brief-model';
import type { CopyTab } from './copy-route';
import type { Generation } from './useGenerate';

export type CopyStudioValue = {
  /** The workspace's currency: the default for a product's price. */
  currency: string;
  draft: BriefDraft;
  setDraft: (update: (draft: BriefDraft) => BriefDraft) => void;
  settings: GenerateSettings;
  setSettings: (update: (settings: GenerateSettings) => GenerateSettings) => void;
  generation: Generation;
  segments: Segment[] | undefined;
  llm: LlmStatus | undefined;
  /** Whether the workspace has customers (audiences, reviews and previews need them). */
  hasCustomers: boolean;
  go: (tab: CopyTab) => void;
  /** Fills the form with the demo shop's best seller and what its reviews praise. */
  fillSample: () => Promise<void>;
  sampleBusy: boolean;
  /** Campaign names of the library, for the save prompt. */
  campaigns: string[];
  /** The campaign the studio was opened for (Campaigns' content step): saves go under its name unless changed. */
  linkedCampaign: string | null;
  /** Something was saved to or changed in the library. */
  libraryChanged: () => void;
};

export const CopyStudioContext = createContext<CopyStudioValue | null>(null);

export function useCopyStudio(): CopyStudioValue {
  const value = use(CopyStudioContext);
  if (!value) throw new Error('useCopyStudio must be used inside the Copy studio');
  return value;
}
