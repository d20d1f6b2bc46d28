import path from 'node:path';
import { TEST_DATA } from '../data-paths';

/** The IBM Telco customer churn sample (7,043 customers, 21 columns), kept in test/data/telco-churn. */
export const TELCO = path.join(TEST_DATA, 'telco-churn', 'Telco-Customer-Churn.csv');
