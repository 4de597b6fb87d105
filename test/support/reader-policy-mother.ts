/**
 * A policy with a rule of each kind, for the users of `readerUseCases` (whose department is
 * Research, and who have no team): a deny, a pin taken from the user, a pin the user cannot fill,
 * hidden fields with a cap, a username list with a staff condition, a glob.
 */
export const RICH_POLICY = {
  rules: [
    { description: 'no one reads the salaries', collection: 'payroll', effect: 'deny' },
    {
      description: 'research reads its own people',
      user: { attributes: { department: 'Research' } },
      database: 'db1',
      collection: 'people',
      commands: ['find', 'count', 'status'],
      pin: { department: '$user.department' },
      effect: 'allow',
    },
    { user: { username: 'user2' }, database: 'db1', collection: 'badges', pin: { team: '$user.team' }, effect: 'allow' },
    {
      description: 'user1 reads the user collections, not the logins',
      user: { username: ['user1', 'admin'], staff: false },
      database: 'db1',
      collection: 'user_*',
      hiddenFields: ['lastlogin'],
      maxLimit: 20,
      effect: 'allow',
    },
    { user: { staff: true }, database: 'db?', effect: 'allow' },
  ],
} as const;
