import path from 'node:path';

/** The IBM Telco customer churn sample (7,043 customers, 21 columns), read in place from the shared data folder. */
export const TELCO = path.resolve('../shared/data/telco-churn/Telco-Customer-Churn.csv');
