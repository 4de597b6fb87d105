import type { User } from '../users/user.js';

/** Who asks the reader for documents, as the policy sees them. */
export interface ReaderUser {
  /** null for an API key bound to no user. */
  readonly username: string | null;
  readonly email: string;
  readonly isStaff: boolean;
  readonly isSuperuser: boolean;
  readonly groups: readonly string[];
  /** The installation's own attributes (a tenant, a department), which rules match and pin on. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What an anonymous API key is: nobody in particular, with no attribute. */
export const ANONYMOUS_READER: ReaderUser = {
  username: null,
  email: '',
  isStaff: false,
  isSuperuser: false,
  groups: [],
  attributes: {},
};

/** The reader's view of a provider user; an inactive user is nobody, so no rule for a named user matches them. */
export function readerUserOf(user: User): ReaderUser {
  if (!user.isActive) return ANONYMOUS_READER;
  return {
    username: user.username,
    email: user.email,
    isStaff: user.isStaff,
    isSuperuser: user.isSuperuser,
    groups: user.groups,
    attributes: user.attributes,
  };
}
