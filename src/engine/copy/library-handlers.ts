import type { HandlerMap } from '../kernel/handler-types';
import { audienceInsight, searchReviews, segmentMemberIds } from './audience';
import { deleteLibraryItem, exportLibrary, libraryHistory, listLibrary, saveToLibrary, updateLibraryItem } from './library-repo';
import { previewCopy } from './tokens';

/** The copy studio around generation: the audience and its reviews, personalisation previews, and the library. */
export const copyLibraryHandlers = {
  'copy.audience': (input, ctx) => audienceInsight(ctx.workspace().db, input),
  'copy.reviews': (input, ctx) => ({ reviews: searchReviews(ctx.workspace().db, input) }),
  'copy.preview': (input, ctx) => {
    const db = ctx.workspace().db;
    const members = input.customerIds === undefined && input.segmentId !== undefined ? segmentMemberIds(db, input.segmentId) : null;
    return previewCopy(db, input, members);
  },
  'copy.libraryList': (input, ctx) => listLibrary(ctx.workspace().db, input),
  'copy.librarySave': (input, ctx) => saveToLibrary(ctx.workspace().db, input),
  'copy.libraryUpdate': (input, ctx) => updateLibraryItem(ctx.workspace().db, input),
  'copy.libraryDelete': (input, ctx) => ({ deleted: deleteLibraryItem(ctx.workspace().db, input.id) }),
  'copy.libraryHistory': (input, ctx) => libraryHistory(ctx.workspace().db, input.id),
  'copy.libraryExport': (input, ctx) => exportLibrary(ctx.workspace().db, input),
} satisfies Partial<HandlerMap>;
