import { migration001 } from './001-initial';
import { migration002 } from './002-imports-and-explorer';
import { migration003 } from './003-explorer-indexes';
import { migration004 } from './004-model-scores';
import { migration005 } from './005-segments';
import { migration006 } from './006-copy-library';
import { migration007 } from './007-campaign-builder';
import { migration008 } from './008-tests-quick-search';
import { migration009 } from './009-voice-and-recommendations';
import { migration010 } from './010-reviews-theme-mention-score';
import { migration011 } from './011-synthetic-twin';
import { migration012 } from './012-federated-models';
import type { Migration } from './types';

/** Every migration, registered by static import, in order. The last one's version is the schema version. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
