/** Where the reader's policy in force came from: read once, at start, like the policy itself. */
export interface ReaderPolicySource {
  /** READER_POLICY's file; the demo's policy where the demo runs without one; otherwise none, which refuses every query. */
  readonly origin: 'file' | 'demo' | 'none';
  /** The file's path as READER_POLICY gives it; null unless the origin is a file. */
  readonly file: string | null;
  /** READER_POLICY_MODULE as given, whose check has the last word on each query the rules allow; null when none is set. */
  readonly module: string | null;
}
