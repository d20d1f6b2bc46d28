export * from './contract';
export * from './errors';
export * from './import-schemas';
export * from './file-schemas';
