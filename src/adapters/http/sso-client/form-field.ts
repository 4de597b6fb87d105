import type { Context } from 'koa';
import { readRawBody } from '../raw-body.js';

/** A logout form holds one short field; anything larger is not one. */
const FORM_LIMIT_BYTES = 16 * 1024;

/**
 * A field of the posted form, wherever the app left it: a body parser the app mounted before the
 * client may have read the body already (its result is then on `ctx.request.body`); otherwise the
 * urlencoded body is read here. null when there is no such field.
 */
export async function postedField(ctx: Context, name: string): Promise<string | null> {
  const parsed: unknown = Reflect.get(ctx.request, 'body');
  if (typeof parsed === 'object' && parsed !== null) {
    const value: unknown = Reflect.get(parsed, name);
    return typeof value === 'string' ? value : null;
  }
  if (ctx.req.readableEnded || !ctx.is('application/x-www-form-urlencoded')) return null;
  const body = await readRawBody(ctx.req, FORM_LIMIT_BYTES);
  return new URLSearchParams(body.toString('utf8')).get(name);
}
