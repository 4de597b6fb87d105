import { MemoryUserDirectory } from '../../src/adapters/memory/memory-user-directory.js';
import { userDirectoryContract } from './user-directory.contract.js';

userDirectoryContract('MemoryUserDirectory', async () => ({ directory: new MemoryUserDirectory(), close: async () => {} }));
