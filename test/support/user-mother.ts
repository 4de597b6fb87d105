import type { User } from '../../src/domain/users/user.js';

/** An active, non-staff user who never logged in, with a few attributes of every JSON kind. */
export function aUser(overrides: Partial<User> = {}): User {
  return {
    username: 'alice',
    passwordHash: 'pbkdf2_sha256$600000$c2FsdA$aGFzaA==',
    email: 'alice@example.com',
    firstName: 'Alice',
    lastName: 'Liddell',
    isStaff: false,
    isSuperuser: false,
    groups: [],
    isActive: true,
    dateJoined: Date.UTC(2025, 5, 1, 8, 0, 0),
    lastLogin: null,
    attributes: {
      department: 'Research',
      employeeNumber: 4711,
      ratio: 0.75,
      delta: -12,
      large: 2 ** 40 + 3,
      remote: true,
      manager: null,
      groups: ['readers', 'writers'],
      address: { city: 'Oxford', lines: ['1 High Street', ''], geo: { lat: 51.752, lon: -1.2577 } },
      history: [
        { year: 2024, roles: [] },
        { year: 2025, roles: ['lead'] },
      ],
    },
    ...overrides,
  };
}
