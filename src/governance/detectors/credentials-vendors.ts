// Vendor and cloud key formats, after gitleaks' default rules (config/gitleaks.toml) and secretlint's rule set.
// Each pattern is the whole token, without capture groups; the scanner adds the boundaries. `entropy` is a
// minimum Shannon entropy in bits per character, for formats whose prefix alone is weak evidence.
export interface VendorRule {
  rule: string;
  pattern: string;
  entropy?: number;
  /** The secret may be glued to a preceding identifier (secretlint's tailscale fixtures: `MY_tskey-…`). */
  glued?: boolean;
  /** Keep even with placeholder-looking runs (a Slack webhook URL leaks the workspace whatever its token). */
  keepPlaceholder?: boolean;
}

export const VENDOR_RULES: VendorRule[] = [
  { rule: 'anthropic-key', pattern: 'sk-ant-(?:api|admin|sid|oat|ort)\\d\\d-[\\w-]{32,}' },
  { rule: 'openai-key', pattern: 'sk-(?:proj|svcacct|admin|None)-[\\w-]{20,}T3BlbkFJ[\\w-]{20,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{48}' },
  // keys whose marker is not where gitleaks expects it (truncated, or a newer format): the prefix plus a long random tail
  { rule: 'openai-key', pattern: 'sk-(?:proj|svcacct|admin)-[\\w-]{40,}', entropy: 3.5 },
  { rule: 'stripe-key', pattern: '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247}', entropy: 2.5 },
  { rule: 'github-fine-grained-pat', pattern: 'github_pat_\\w{82}' },
  { rule: 'github-token', pattern: 'gh[pousr]_[A-Za-z0-9]{36,255}' },
  { rule: 'gitlab-token', pattern: 'gl(?:pat|dt|ptt|rt|soat|ft|agent|cbt|oas|wt)-[\\w-]{20,}|GR1348941[\\w-]{20,}|glimt-[\\w-]{25}' },
  { rule: 'slack-token', pattern: 'xox[a-z](?:\\.xox[a-z])?-\\d+-[\\w-]{6,}|xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+' },
  { rule: 'slack-webhook', pattern: 'https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[\\w/+-]{20,}', keepPlaceholder: true },
  { rule: 'aws-access-key', pattern: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}' },
  { rule: 'gcp-api-key', pattern: 'AIza[\\w-]{35}' },
  { rule: 'azure-ad-client-secret', pattern: '[\\w~.]{3}\\dQ~[\\w~.-]{31,34}' },
  { rule: 'databricks-token', pattern: 'dapi[a-fA-F0-9]{32}(?:-\\d)?' },
  { rule: 'docker-pat', pattern: 'dckr_pat_[\\w-]{27,}' },
  { rule: 'figma-pat', pattern: 'figd_[\\w-]{40,}' },
  { rule: 'cloudflare-token', pattern: 'cf(?:at|ut|k)_[A-Za-z0-9]{40,}' },
  { rule: 'tailscale-key', pattern: 'tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{10,}-[A-Za-z0-9]{20,}', glued: true },
  { rule: '1password-token', pattern: 'ops_eyJ[A-Za-z0-9+/=]{100,}' },
  { rule: 'flyio-token', pattern: 'fo1_[\\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}' },
  { rule: 'grafana-token', pattern: 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2}' },
  { rule: 'heroku-key', pattern: 'HRKU-[\\w-]{58,}' },
  { rule: 'notion-token', pattern: 'ntn_\\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}' },
  { rule: 'openshift-token', pattern: 'sha256~[\\w-]{43}' },
  { rule: 'scalingo-token', pattern: 'tk-us-[\\w-]{48}' },
  { rule: 'sentry-token', pattern: 'sntrys_eyJ[A-Za-z0-9+/=_]{30,}|sntryu_[a-f0-9]{64}' },
  { rule: 'sourcegraph-token', pattern: 'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}', entropy: 3 },
  { rule: 'square-token', pattern: 'sq0(?:atp|csp)-[\\w-]{22,43}|EAAA[\\w-]{60}' },
  { rule: 'clojars-token', pattern: 'CLOJARS_[a-z0-9]{60}' },
  { rule: 'pypi-token', pattern: 'pypi-AgE[\\w-]{50,}' },
  { rule: 'npm-token', pattern: 'npm_[A-Za-z0-9]{36}' },
  { rule: 'huggingface-token', pattern: 'hf_[A-Za-z]{34}', entropy: 3.5 },
  { rule: 'sendgrid-key', pattern: 'SG\\.[\\w-]{22}\\.[\\w-]{43}' },
  { rule: 'shopify-token', pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}' },
  { rule: 'twilio-key', pattern: 'SK[0-9a-fA-F]{32}', entropy: 3 },
  { rule: 'mailgun-key', pattern: 'key-[a-f0-9]{32}' },
  { rule: 'mailchimp-key', pattern: '[a-f0-9]{32}-us\\d{1,2}' },
  { rule: 'groq-key', pattern: 'gsk_[A-Za-z0-9]{52}' },
  { rule: 'xai-key', pattern: 'xai-[A-Za-z0-9]{80}' },
  { rule: 'perplexity-key', pattern: 'pplx-[A-Za-z0-9]{48}' },
  { rule: 'replicate-token', pattern: 'r8_[A-Za-z0-9]{37}' },
  { rule: 'digitalocean-token', pattern: 'do[opr]_v1_[a-f0-9]{64}' },
  { rule: 'vault-token', pattern: 'hv[sb]\\.[\\w-]{90,}' },
  { rule: 'terraform-token', pattern: '[A-Za-z0-9]{14}\\.atlasv1\\.[\\w-]{60,70}' },
  { rule: 'linear-key', pattern: 'lin_api_[A-Za-z0-9]{40}' },
  { rule: 'postman-key', pattern: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}' },
  { rule: 'atlassian-token', pattern: 'ATATT3[\\w=-]{186}' },
  { rule: 'age-secret-key', pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}' },
  { rule: 'jwt', pattern: 'eyJ[\\w-]{10,}\\.eyJ[\\w-]{10,}(?:\\.[\\w-]{10,})?' },
  { rule: 'discord-token', pattern: '[MNO][\\w-]{23,25}\\.[\\w-]{6}\\.[\\w-]{27,38}' },
  { rule: 'telegram-token', pattern: '\\d{8,10}:AA[\\w-]{33}' },
  { rule: 'facebook-token', pattern: '\\d{15,16}[|%][\\w-]{27,40}|EAA[MC][A-Za-z0-9]{100,}' },
  { rule: 'eth-private-key', pattern: '0x[a-fA-F0-9]{64}' },
];
