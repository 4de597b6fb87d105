import { UserError } from '../../../domain/users/user.errors.js';
import { clientAddress } from '../client-address.js';
import type { PageContext } from '../signet-context.js';

/** The `username` and `password` fields of a posted login form, and where it came from. */
export function loginFields(ctx: PageContext, trustProxy: boolean): { username: string; password: string; address: string } {
  return {
    username: ctx.state.form.get('username') ?? '',
    password: ctx.state.form.get('password') ?? '',
    address: clientAddress(ctx, trustProxy),
  };
}

/**
 * Runs a login step; a refusal the person can act on (wrong password, too many tries) comes back as
 * the UserError, for the page to show again; anything else is thrown.
 */
export async function orRefusal<T>(step: Promise<T>): Promise<T | UserError> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}
