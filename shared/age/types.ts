// Types of the age v1 layer (C2SP age spec): what a caller hands in to decrypt or encrypt.

/** A key to open an age file: a passphrase (scrypt stanza) or X25519 identities. */
export type AgeKey =
  | { kind: 'passphrase'; passphrase: string }
  /** Each identity is an `AGE-SECRET-KEY-1…` string (one per identity; files may hold several). */
  | { kind: 'identities'; identities: string[] };

/** The kind of key, as the audit trail and provenance name it (never the key itself). */
export function keyKindOf(key: AgeKey): 'passphrase' | 'identity' {
  return key.kind === 'passphrase' ? 'passphrase' : 'identity';
}

/** Who a file is encrypted to. */
export type AgeRecipients =
  | { kind: 'passphrase'; passphrase: string; /** scrypt log2(N); age CLI uses 18. */ logN?: number }
  /** Each recipient is an `age1…` X25519 public key. */
  | { kind: 'x25519'; recipients: string[] };

/** Progress of a long operation, for progress bars. `total` may be 0 when unknown. */
export interface Progress {
  phase: 'read' | 'decrypt' | 'load' | 'check' | 'generate' | 'build' | 'encrypt' | 'write';
  done: number;
  total: number;
}
export type ProgressListener = (progress: Progress) => void;

/** The largest scrypt work factor (log2 N) a reader accepts; above it the file is refused. */
export const MAX_SCRYPT_LOG_N = 22;
