import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSameSpec, checkSpecAgainstTable, readProposal, writeProposal } from '../../../src/engine/federate/federation-files';
import { createCoordinatorIdentity, parseInvitation } from '../../../src/engine/federate/invitation';
import { specFromTable } from '../../../src/engine/federate/spec-from-table';
import { readCsvTable } from '../../../src/engine/ml/table';
import { tempDir } from '../helpers';

const telco = readCsvTable(path.resolve('test/data/telco-churn/Telco-Customer-Churn.csv'));
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('federate propose: the spec and its files', () => {
  it('proposes every Telco column but the id, with its type, and no value', () => {
    const { spec, leftOut } = specFromTable(telco, { name: 'Churn', target: 'Churn', positive: 'Yes', rounds: 5 });
    expect(leftOut).toEqual([{ column: 'customerID', reason: 'an id or free text (almost every value differs)' }]);
    expect(spec.features).toHaveLength(telco.columns.length - 2);
    expect(spec.features.find((f) => f.name === 'tenure')?.type).toBe('numeric');
    expect(spec.features.find((f) => f.name === 'TotalCharges')?.type).toBe('numeric'); // blanks are missing, not text
    expect(spec.features.find((f) => f.name === 'Contract')?.type).toBe('categorical');
    expect(JSON.stringify(spec)).not.toMatch(/Month-to-month|7590-VHVEG/);
    expect(() => specFromTable(telco, { name: 'x', target: 'Churn', positive: 'Maybe' })).toThrow(/No row has "Maybe"/);
    expect(() => specFromTable(telco, { name: 'x', target: 'Contract' })).toThrow(/--positive/);
  });

  it('writes the spec, owner-only keys and invitations, reads them back, and never overwrites', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { spec } = specFromTable(telco, { name: 'Churn', target: 'Churn', positive: 'Yes' });
    const identity = createCoordinatorIdentity(['North', 'South'], spec.id);
    const out = path.join(dir, 'fed');
    const written = writeProposal(out, { spec, identity, host: '10.0.0.5', port: 7465 });
    if (process.platform !== 'win32') expect(fs.statSync(written.keysFile).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(written.invitationsFile, 'utf8').trim().split('\n');
    expect(lines.map((l) => parseInvitation(l.split('\t')[1] ?? '').name)).toEqual(['North', 'South']);
    const back = readProposal(written.specFile);
    expect(back).toEqual({ spec, identity, host: '10.0.0.5', port: 7465 });
    expect(() => writeProposal(out, { spec, identity, host: '', port: 0 })).toThrow(/exists already/);
    const other = specFromTable(telco, { name: 'Churn', target: 'Churn', positive: 'Yes' }).spec;
    fs.writeFileSync(written.specFile, JSON.stringify(other));
    expect(() => readProposal(written.specFile)).toThrow(/another federation/);
  });

  it('lets an office refuse a spec it did not review, or one its table cannot serve', () => {
    const { spec } = specFromTable(telco, { name: 'Churn', target: 'Churn', positive: 'Yes' });
    expect(() => checkSameSpec(spec, { ...spec, rounds: spec.rounds + 1 })).toThrow(/another spec/);
    expect(() => checkSameSpec(spec, structuredClone(spec))).not.toThrow();
    const narrow = { columns: ['tenure', 'Churn'], rows: [['1', 'No']] };
    expect(() => checkSpecAgainstTable(spec, narrow)).toThrow(/needs columns this table does not have: "gender"/);
    expect(() => checkSpecAgainstTable(spec, telco)).not.toThrow();
  });
});
