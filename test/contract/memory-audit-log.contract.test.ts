import { MemoryAuditLog } from '../../src/adapters/memory/memory-audit-log.js';
import { auditLogContract } from './audit-log.contract.js';

auditLogContract('MemoryAuditLog', async () => ({ log: new MemoryAuditLog(), close: async () => {} }));
