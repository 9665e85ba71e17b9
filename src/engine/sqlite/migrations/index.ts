/** The SQLite migrations, in order. Append new ones; never edit one that has shipped. */
import { sql as init } from './0001_init';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'init', sql: init }];
