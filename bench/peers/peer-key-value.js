// The key pair the peers accept; bench/peers/peer-key.ts signs with it.
export const PEER_KEY = { id: 'bench-client', secret: 'd7228d70cd7f456d9bfdc35ed8fee375' };
