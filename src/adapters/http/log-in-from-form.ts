import type { AuthenticateUser } from '../../application/users/authenticate-user.js';
import { UserError } from '../../domain/users/user.errors.js';
import { clientAddress } from './client-address.js';
import type { SignetContext } from './signet-context.js';

/**
 * Checks the `username` and `password` fields of a posted login form. A refusal the person can act
 * on (wrong password, too many tries) comes back as the UserError, for the page to show; anything
 * else is thrown.
 */
export async function logInFromForm(
  ctx: SignetContext,
  authenticateUser: AuthenticateUser,
  trustProxy: boolean,
): Promise<{ username: string } | UserError> {
  const form = ctx.state.form!;
  try {
    const user = await authenticateUser.execute({
      username: form.get('username') ?? '',
      password: form.get('password') ?? '',
      address: clientAddress(ctx, trustProxy),
    });
    return { username: user.username };
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}
