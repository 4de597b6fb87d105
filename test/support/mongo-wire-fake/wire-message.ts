/** Opcodes of the MongoDB wire protocol this fake reads or writes. */
export const OpCode = {
  reply: 1,
  query: 2004,
  compressed: 2012,
  msg: 2013,
} as const;

const headerLength = 16;
/** The server's advertised `maxMessageSizeBytes`; anything longer is a broken or hostile peer. */
export const maxMessageLength = 48_000_000;

/** The 16-byte header every wire message starts with. */
export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** One complete message: its header, the bytes after the header, and the whole frame (for checksums). */
export interface WireMessage {
  readonly header: MessageHeader;
  readonly body: Buffer;
  readonly frame: Buffer;
}

/** Thrown when a peer sends bytes that are not a valid message; the connection is then closed. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** Cuts a TCP byte stream into whole wire messages, however the bytes were chunked. */
export class MessageSplitter {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds bytes read from the socket; returns every message they complete, in order. */
  push(chunk: Buffer): WireMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: WireMessage[] = [];
    while (this.pending.length >= 4) {
      const messageLength = this.pending.readInt32LE(0);
      if (messageLength < headerLength || messageLength > maxMessageLength) {
        throw new ProtocolError(`invalid message length ${messageLength}`);
      }
      if (this.pending.length < messageLength) break;
      const frame = this.pending.subarray(0, messageLength);
      this.pending = this.pending.subarray(messageLength);
      messages.push({ header: readHeader(frame), body: frame.subarray(headerLength), frame });
    }
    return messages;
  }
}

function readHeader(frame: Buffer): MessageHeader {
  return {
    messageLength: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

/** Frames `body` as one message answering request `responseTo`. */
export function frameMessage(opCode: number, requestId: number, responseTo: number, body: Buffer): Buffer {
  const header = Buffer.alloc(headerLength);
  header.writeInt32LE(headerLength + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}
