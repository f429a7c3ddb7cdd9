import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Standalone DataSource for the TypeORM CLI (`npm run migration:generate -- src/database/migrations/Name`). */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dsr'));
