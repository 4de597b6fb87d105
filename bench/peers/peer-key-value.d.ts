/** The key pair the peers accept. */
export declare const PEER_KEY: { readonly id: string; readonly secret: string };
