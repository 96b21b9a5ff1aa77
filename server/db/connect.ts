import type { Config } from '../config';
import { connectEmbedded, connectPostgres, type Database } from './database';

/** Opens the configured database, translating connection failures into one clear line. */
export async function connectDatabase(config: Config): Promise<Database> {
  if (config.database.kind === 'embedded') return connectEmbedded(config.database.dataDir);
  try {
    return await connectPostgres({ url: config.database.url, poolSize: config.database.poolSize });
  } catch (err) {
    const where = safeUrl(config.database.url);
    throw new Error(`cannot connect to PostgreSQL at ${where} (${(err as Error).message}); start the server or fix DATABASE_URL`);
  }
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
