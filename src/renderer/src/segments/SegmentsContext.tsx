import { createContext, use } from 'react';
import type { Segment, SegmentRule } from '../../../shared/segment-schemas';
import type { ApiError } from '../api/api-error';
import type { FieldCatalog } from './field-catalog';
import type { GroupDraft } from './rule-model';
import type { SegmentsRoute } from './segments-route';

/** What the builder is editing: a new rule, or a saved segment's (its id, name and kind). */
export type Editing = { id: number; name: string; kind: Segment['kind'] } | null;

export type SegmentsContextValue = {
  catalog: FieldCatalog;
  currency: string;
  segments: Segment[] | undefined;
  listError: ApiError | undefined;
  refetchList: () => void;
  draft: GroupDraft;
  setDraft: (update: (previous: GroupDraft) => GroupDraft) => void;
  editing: Editing;
  /** A name to offer when the builder's rule came from somewhere (a discovered cluster, an RFM segment). */
  suggestedName: string;
  /** Loads a rule into the builder and shows it; `editing` when it is a saved segment's. */
  openInBuilder: (rule: SegmentRule, options?: { editing?: Editing; name?: string }) => void;
  /** The builder's rule was just saved as (or is now) this segment. */
  setEditing: (editing: Editing) => void;
  /** Starts a new, empty rule. */
  clearBuilder: () => void;
  go: (route: SegmentsRoute) => void;
  /** A rule in one readable line. */
  describe: (rule: SegmentRule) => string;
};

export const SegmentsContext = createContext<SegmentsContextValue | null>(null);

export function useSegments(): SegmentsContextValue {
  const value = use(SegmentsContext);
  if (!value) throw new Error('useSegments must be used inside the Segments page');
  return value;
}
