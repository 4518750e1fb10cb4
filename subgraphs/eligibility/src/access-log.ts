/**
 * The access log (UU PDP): every read of personal data by an AUDITOR or OPERATOR, with who,
 * when, whose data (every NIK asked about or answered, KKs and names asked for), which
 * operation, the stated purpose, and whether it was answered: refused attempts count too. The gateway writes it through
 * `recordAccess` before the answer leaves; the table refuses updates and deletes.
 */
import type { AccessRecord } from '@tepat/auth';
import type { PrismaClient } from './db.js';

/** One durable insert: the caller waits for the commit before answering its own caller. */
export async function recordAccess(prisma: PrismaClient, entry: AccessRecord): Promise<void> {
  await prisma.access.create({ data: entry });
}
