import { deserialize, serialize, type Document } from 'bson';
import { OpCode, ProtocolError, frameMessage, type WireMessage } from './wire-message.js';

/** A decoded legacy OP_QUERY. Drivers still use it for the first `hello` on a connection. */
export interface OpQueryRequest {
  /** `<db>.$cmd` for a command. */
  readonly fullCollectionName: string;
  readonly query: Document;
}

/** Decodes an OP_QUERY: flags, cstring namespace, skip, return count, query (a field selector may follow). */
export function decodeOpQuery(message: WireMessage): OpQueryRequest {
  const { body } = message;
  const nul = body.indexOf(0, 4);
  if (nul < 0) throw new ProtocolError('OP_QUERY namespace is not terminated');
  const fullCollectionName = body.toString('utf8', 4, nul);
  const queryStart = nul + 1 + 8;
  if (queryStart + 5 > body.length) throw new ProtocolError('OP_QUERY too short');
  const size = body.readInt32LE(queryStart);
  const query = deserialize(body.subarray(queryStart, queryStart + size));
  return { fullCollectionName, query };
}

/** Frames `reply` as an OP_REPLY holding one document and no cursor. */
export function encodeOpReply(reply: Document, requestId: number, responseTo: number): Buffer {
  const fields = Buffer.alloc(20);
  // responseFlags (0), cursorID (int64 0), startingFrom (0), numberReturned (1)
  fields.writeInt32LE(1, 16);
  return frameMessage(OpCode.reply, requestId, responseTo, Buffer.concat([fields, serialize(reply)]));
}
