interface ImportMetaEnv {
  /** Set by scripts/start.mjs to the mock server it launched. */
  readonly VITE_KYY_LOCAL_MOCK_URL?: string;
}
