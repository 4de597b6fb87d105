import { deserialize, serialize, type Document } from 'bson';
import { crc32c } from './crc32c.js';
import { OpCode, ProtocolError, frameMessage, type WireMessage } from './wire-message.js';

const checksumPresent = 1 << 0;
const moreToCome = 1 << 1;
/** Bits 0-15 are "required": a receiver must refuse a message carrying one it does not know. */
const requiredBits = 0xffff;
const knownRequiredBits = checksumPresent | moreToCome;

/** A decoded OP_MSG request. */
export interface OpMsgRequest {
  /** The kind 0 body, with each kind 1 document sequence added as an array under its identifier. */
  readonly command: Document;
  /** The client expects no reply (an unacknowledged write). */
  readonly moreToCome: boolean;
}

/** Decodes an OP_MSG: flagBits, one kind 0 section, any kind 1 sections, the optional CRC-32C. */
export function decodeOpMsg(message: WireMessage): OpMsgRequest {
  const { body, frame } = message;
  if (body.length < 5) throw new ProtocolError('OP_MSG too short');
  const flags = body.readUInt32LE(0);
  if ((flags & requiredBits & ~knownRequiredBits) !== 0) {
    throw new ProtocolError(`OP_MSG has unknown required flag bits ${flags.toString(16)}`);
  }
  let end = body.length;
  if (flags & checksumPresent) {
    end -= 4;
    if (crc32c(frame.subarray(0, frame.length - 4)) !== body.readUInt32LE(end)) {
      throw new ProtocolError('OP_MSG checksum mismatch');
    }
  }

  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  let offset = 4;
  while (offset < end) {
    const kind = body[offset];
    offset += 1;
    if (kind === 0) {
      if (command) throw new ProtocolError('OP_MSG has more than one body section');
      const size = body.readInt32LE(offset);
      command = deserialize(body.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = body.readInt32LE(offset);
      sequences.push(readDocumentSequence(body.subarray(offset + 4, offset + size)));
      offset += size;
    } else {
      throw new ProtocolError(`OP_MSG section kind ${String(kind)} is not defined`);
    }
  }
  if (offset !== end || !command) throw new ProtocolError('OP_MSG sections do not fill the message');

  for (const [identifier, documents] of sequences) {
    if (identifier in command) throw new ProtocolError(`OP_MSG field ${identifier} is given twice`);
    command[identifier] = documents;
  }
  return { command, moreToCome: (flags & moreToCome) !== 0 };
}

/** A kind 1 section after its size: a cstring identifier, then BSON documents to the end. */
function readDocumentSequence(section: Buffer): [string, Document[]] {
  const nul = section.indexOf(0);
  if (nul < 0) throw new ProtocolError('document sequence identifier is not terminated');
  const identifier = section.toString('utf8', 0, nul);
  const documents: Document[] = [];
  let offset = nul + 1;
  while (offset < section.length) {
    const size = section.readInt32LE(offset);
    documents.push(deserialize(section.subarray(offset, offset + size)));
    offset += size;
  }
  return [identifier, documents];
}

/** Frames `reply` as an OP_MSG with no flags and a single kind 0 section. */
export function encodeOpMsg(reply: Document, requestId: number, responseTo: number): Buffer {
  const prefix = Buffer.alloc(5);
  return frameMessage(OpCode.msg, requestId, responseTo, Buffer.concat([prefix, serialize(reply)]));
}
