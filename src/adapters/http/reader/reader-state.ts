import type { RouterContext } from '@koa/router';
import type { ReaderCaller } from '../../../application/reader/reader-caller.js';
import type { ApiState, PageState } from '../signet-context.js';

/**
 * What `readerAuth()` leaves for the reader's JSON routes: `caller`, whichever way it came. It runs
 * apiAuth() or the session middleware inside it, so the state holds what those leave too.
 */
export interface ReaderState extends ApiState, PageState {
  caller: ReaderCaller;
}

export type ReaderContext = RouterContext<ReaderState>;
