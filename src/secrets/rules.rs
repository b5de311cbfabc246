//! High-confidence token formats, written from each vendor's own format
//! documentation: cloud keys, VCS and CI tokens, package registry tokens,
//! chat webhooks, payment keys, JWTs. Each rule names the keywords that must
//! appear for it to run (the scanner's Aho-Corasick prefilter) and, where the
//! format carries one, an offline checksum check. Pure.
//!
//! Formats with no distinctive prefix (32 hex characters, a bare UUID) are
//! deliberately absent: they are left to the generic detector, which judges
//! them by the variable name they are assigned to.

use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Located};

/// One token format.
pub struct TokenRule {
    /// Stable id, kebab-case: "aws-access-key-id", "github-pat".
    pub id: &'static str,
    pub description: &'static str,
    /// Literal substrings, one of which every match contains (lowercase
    /// matched case-insensitively by the prefilter). Never empty.
    pub keywords: &'static [&'static str],
    /// The pattern; capture group `secret` (when present) is the value,
    /// else the whole match.
    pub pattern: &'static str,
    /// Offline validation of a candidate (a checksum): false rejects it.
    pub validate: Option<fn(&str) -> bool>,
    pub confidence: Confidence,
}

use Confidence::{High, Medium};

// Patterns end with `\b` where the token's last character is alphanumeric;
// where its alphabet includes `-` (a token may end in one, and `\b` would
// then fail), they end with `(?:[^A-Za-z0-9_\-]|$)`: the next character,
// if any, is outside the alphabet. Rust's regex has no look-ahead, and the
// `secret` group excludes that character from the reported range.

const fn r(
    id: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    pattern: &'static str,
    validate: Option<fn(&str) -> bool>,
    confidence: Confidence,
) -> TokenRule {
    TokenRule {
        id,
        description,
        keywords,
        pattern,
        validate,
        confidence,
    }
}

static RULES: &[TokenRule] = &[
    // ---- Cloud providers -------------------------------------------------
    // AWS: 20 characters, a 4-letter type prefix (AKIA long-term, ASIA
    // temporary STS, ABIA STS service bearer, ACCA context-specific), then
    // 16 base32 characters (A-Z, 2-7).
    r(
        "aws-access-key-id",
        "AWS access key id",
        &["akia", "asia", "abia", "acca"],
        r"\b(?P<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        None,
        High,
    ),
    // The secret half has no prefix (40 base64 characters): only where it
    // is assigned to its well-known name.
    r(
        "aws-secret-access-key",
        "AWS secret access key",
        &["secret_access_key", "secretaccesskey"],
        r#"(?i:secret_access_key|secretaccesskey)["']?\s*[:=]\s*["']?(?P<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
        None,
        High,
    ),
    r(
        "google-api-key",
        "Google API key",
        &["aiza"],
        r"\b(?P<secret>AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)",
        None,
        High,
    ),
    r(
        "google-oauth-client-secret",
        "Google OAuth client secret",
        &["gocspx-"],
        r"\b(?P<secret>GOCSPX-[0-9A-Za-z_\-]{28})(?:[^0-9A-Za-z_\-]|$)",
        None,
        High,
    ),
    r(
        "google-oauth-access-token",
        "Google OAuth access token",
        &["ya29."],
        r"\b(?P<secret>ya29\.[0-9A-Za-z_\-]{30,})",
        None,
        High,
    ),
    // Azure storage account keys are 64 random bytes, base64 (88 chars).
    r(
        "azure-storage-key",
        "Azure storage account key",
        &["accountkey="],
        r"(?i:accountkey)=(?P<secret>[A-Za-z0-9+/]{86}==)",
        Some(azure_storage_key_ok),
        High,
    ),
    // Service Bus, Event Hubs, IoT Hub: SharedAccessKey=<32 bytes base64>.
    r(
        "azure-shared-access-key",
        "Azure Service Bus / Event Hubs shared access key",
        &["sharedaccesskey="],
        r"(?i:sharedaccesskey)=(?P<secret>[A-Za-z0-9+/]{43}=)",
        Some(azure_shared_access_key_ok),
        High,
    ),
    // A SAS URL or query: sv=<date>&...&sig=<HMAC, base64, URL-encoded>.
    r(
        "azure-sas-token",
        "Azure shared access signature",
        &["sig="],
        r"\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s<>]{0,400}?\bsig=(?P<secret>[A-Za-z0-9%+/]{40,100}={0,2})",
        None,
        High,
    ),
    // Microsoft Entra (Azure AD) client secrets: 40 characters with the
    // "Q~" marker at offset 3.
    r(
        "azure-ad-client-secret",
        "Microsoft Entra ID (Azure AD) client secret",
        &["q~"],
        r"(?:^|[^A-Za-z0-9_~.\-])(?P<secret>[A-Za-z0-9_.~]{3}[0-9]Q~[A-Za-z0-9_.~\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$)",
        None,
        High,
    ),
    // 84 characters with the fixed "AZDO" signature at offsets 76-80.
    r(
        "azure-devops-pat",
        "Azure DevOps personal access token",
        &["azdo"],
        r"\b(?P<secret>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b",
        None,
        High,
    ),
    r(
        "alibaba-access-key-id",
        "Alibaba Cloud AccessKey id",
        &["ltai"],
        r"\b(?P<secret>LTAI[A-Za-z0-9]{12,20})\b",
        None,
        High,
    ),
    r(
        "tencent-secret-id",
        "Tencent Cloud SecretId",
        &["akid"],
        r"\b(?P<secret>AKID[A-Za-z0-9]{32})\b",
        None,
        High,
    ),
    r(
        "digitalocean-token",
        "DigitalOcean personal access, OAuth or refresh token",
        &["dop_v1_", "doo_v1_", "dor_v1_"],
        r"\b(?P<secret>do[opr]_v1_[a-f0-9]{64})\b",
        None,
        High,
    ),
    r(
        "heroku-api-key",
        "Heroku API key",
        &["hrku-"],
        r"\b(?P<secret>HRKU-AA[0-9A-Za-z_\-]{58})(?:[^0-9A-Za-z_\-]|$)",
        None,
        High,
    ),
    r(
        "fly-io-token",
        "Fly.io access token",
        &["fo1_", "fm1", "fm2"],
        r"\b(?P<secret>fo1_[A-Za-z0-9_\-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})",
        None,
        High,
    ),
    r(
        "render-api-key",
        "Render API key",
        &["rnd_"],
        r"\b(?P<secret>rnd_[A-Za-z0-9]{32})\b",
        None,
        High,
    ),
    r(
        "netlify-token",
        "Netlify personal access token",
        &["nfp_"],
        r"\b(?P<secret>nfp_[A-Za-z0-9]{36})\b",
        None,
        High,
    ),
    r(
        "supabase-access-token",
        "Supabase personal access token",
        &["sbp_"],
        r"\b(?P<secret>sbp_[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "supabase-secret-key",
        "Supabase secret API key",
        &["sb_secret_"],
        r"\b(?P<secret>sb_secret_[A-Za-z0-9_\-]{31,})",
        None,
        High,
    ),
    r(
        "planetscale-token",
        "PlanetScale service token, password or OAuth token",
        &["pscale_"],
        r"\b(?P<secret>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.]{32,64})",
        None,
        High,
    ),
    r(
        "databricks-token",
        "Databricks personal access token",
        &["dapi"],
        r"\b(?P<secret>dapi[a-f0-9]{32}(?:-[0-9]+)?)\b",
        None,
        High,
    ),
    // ---- Infrastructure and secrets management ---------------------------
    r(
        "vault-token",
        "HashiCorp Vault service or recovery token",
        &["hvs.", "hvr."],
        r"\b(?P<secret>hv[sr]\.[A-Za-z0-9_\-]{24,})",
        None,
        High,
    ),
    r(
        "vault-batch-token",
        "HashiCorp Vault batch token",
        &["hvb."],
        r"\b(?P<secret>hvb\.[A-Za-z0-9_\-]{24,})",
        None,
        High,
    ),
    r(
        "terraform-cloud-token",
        "Terraform Cloud / Enterprise API token",
        &["atlasv1"],
        r"\b(?P<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-]{60,70})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "doppler-token",
        "Doppler token",
        &[
            "dp.pt.",
            "dp.st.",
            "dp.sa.",
            "dp.ct.",
            "dp.scim.",
            "dp.audit.",
        ],
        r"\b(?P<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b",
        None,
        High,
    ),
    r(
        "pulumi-access-token",
        "Pulumi access token",
        &["pul-"],
        r"\b(?P<secret>pul-[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "tailscale-key",
        "Tailscale auth, API or OAuth client key",
        &["tskey-"],
        r"\b(?P<secret>tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})\b",
        None,
        High,
    ),
    r(
        "onepassword-service-account-token",
        "1Password service account token",
        &["ops_eyj"],
        r"\b(?P<secret>ops_eyJ[A-Za-z0-9+/_\-]{100,}={0,2})",
        Some(onepassword_ok),
        High,
    ),
    r(
        "onepassword-secret-key",
        "1Password account Secret Key",
        &["a3-"],
        r"\b(?P<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b",
        None,
        High,
    ),
    // age X25519 identity: Bech32 (checksummed) with HRP "age-secret-key-".
    r(
        "age-secret-key",
        "age encryption secret key",
        &["age-secret-key-1"],
        r"\b(?P<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b",
        Some(age_ok),
        High,
    ),
    r(
        "grafana-cloud-token",
        "Grafana Cloud access policy token",
        &["glc_"],
        r"\b(?P<secret>glc_eyJ[A-Za-z0-9+/]{32,400}={0,2})",
        Some(grafana_cloud_ok),
        High,
    ),
    r(
        "grafana-service-account-token",
        "Grafana service account token",
        &["glsa_"],
        r"\b(?P<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b",
        None,
        High,
    ),
    r(
        "new-relic-user-api-key",
        "New Relic user API key",
        &["nrak-"],
        r"\b(?P<secret>NRAK-[A-Z0-9]{27})\b",
        None,
        High,
    ),
    r(
        "new-relic-license-key",
        "New Relic ingest license key",
        &["nral"],
        r"\b(?P<secret>[a-z0-9]{36}NRAL)\b",
        None,
        High,
    ),
    r(
        "new-relic-insert-key",
        "New Relic insert key",
        &["nrii-"],
        r"\b(?P<secret>NRII-[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "sentry-org-token",
        "Sentry organization auth token",
        &["sntrys_"],
        r"\b(?P<secret>sntrys_eyJ[A-Za-z0-9+/]+={0,2}_[A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+/=_]|$)",
        Some(sentry_org_ok),
        High,
    ),
    r(
        "sentry-user-token",
        "Sentry user auth token",
        &["sntryu_"],
        r"\b(?P<secret>sntryu_[a-f0-9]{64})\b",
        None,
        High,
    ),
    r(
        "dynatrace-api-token",
        "Dynatrace API token",
        &["dt0c01."],
        r"\b(?P<secret>dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b",
        None,
        High,
    ),
    // ---- Source hosting and CI -------------------------------------------
    // GitHub: prefix, 30 base62 characters of entropy, 6 characters of
    // base62 CRC32 of the entropy.
    r(
        "github-token",
        "GitHub personal access token (classic)",
        &["ghp_"],
        r"\b(?P<secret>ghp_[A-Za-z0-9]{36})\b",
        Some(crc32_base62_ok),
        High,
    ),
    r(
        "github-oauth-token",
        "GitHub OAuth access token",
        &["gho_"],
        r"\b(?P<secret>gho_[A-Za-z0-9]{36})\b",
        Some(crc32_base62_ok),
        High,
    ),
    r(
        "github-app-token",
        "GitHub App user-to-server or installation token",
        &["ghu_", "ghs_"],
        r"\b(?P<secret>gh[us]_[A-Za-z0-9]{36})\b",
        Some(crc32_base62_ok),
        High,
    ),
    r(
        "github-refresh-token",
        "GitHub App refresh token",
        &["ghr_"],
        r"\b(?P<secret>ghr_(?:[A-Za-z0-9]{36}|[A-Za-z0-9]{76}))\b",
        Some(github_refresh_ok),
        High,
    ),
    r(
        "github-fine-grained-token",
        "GitHub fine-grained personal access token",
        &["github_pat_"],
        r"\b(?P<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
        None,
        High,
    ),
    r(
        "gitlab-token",
        "GitLab personal, project or group access token",
        &["glpat-"],
        r"\b(?P<secret>glpat-[0-9A-Za-z_\-]{20,}(?:\.[0-9A-Za-z]{2}\.[0-9A-Za-z]{6,12})?)",
        None,
        High,
    ),
    r(
        "gitlab-deploy-token",
        "GitLab deploy token",
        &["gldt-"],
        r"\b(?P<secret>gldt-[0-9A-Za-z_\-]{20,})",
        None,
        High,
    ),
    r(
        "gitlab-runner-token",
        "GitLab runner authentication token",
        &["glrt-"],
        r"\b(?P<secret>glrt-[0-9A-Za-z_\-]{20,}(?:\.[0-9A-Za-z]{2}\.[0-9A-Za-z]{6,12})?)",
        None,
        High,
    ),
    r(
        "gitlab-runner-registration-token",
        "GitLab runner registration token",
        &["gr1348941"],
        r"\b(?P<secret>GR1348941[0-9A-Za-z_\-]{20})(?:[^0-9A-Za-z_\-]|$)",
        None,
        High,
    ),
    r(
        "gitlab-ci-job-token",
        "GitLab CI/CD job token",
        &["glcbt-"],
        r"\b(?P<secret>glcbt-[0-9A-Za-z_\-]{20,})",
        None,
        High,
    ),
    r(
        "gitlab-pipeline-trigger-token",
        "GitLab pipeline trigger token",
        &["glptt-"],
        r"\b(?P<secret>glptt-[0-9a-f]{40})\b",
        None,
        High,
    ),
    r(
        "gitlab-feed-token",
        "GitLab feed token",
        &["glft-"],
        r"\b(?P<secret>glft-[0-9A-Za-z_\-]{20,})",
        None,
        High,
    ),
    r(
        "gitlab-oauth-app-secret",
        "GitLab OAuth application secret",
        &["gloas-"],
        r"\b(?P<secret>gloas-[0-9a-f]{64})\b",
        None,
        High,
    ),
    r(
        "gitlab-agent-token",
        "GitLab agent for Kubernetes token",
        &["glagent-"],
        r"\b(?P<secret>glagent-[0-9A-Za-z_\-]{50,})",
        None,
        High,
    ),
    r(
        "bitbucket-app-password",
        "Bitbucket app password",
        &["atbb"],
        r"\b(?P<secret>ATBB[A-Za-z0-9]{32})\b",
        None,
        High,
    ),
    r(
        "atlassian-api-token",
        "Atlassian API token",
        &["atatt3"],
        r"\b(?P<secret>ATATT3[A-Za-z0-9_\-]{170,200}=[A-Fa-f0-9]{8})\b",
        None,
        High,
    ),
    r(
        "circleci-token",
        "CircleCI personal or project API token",
        &["ccipat_", "cciprj_"],
        r"\b(?P<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "buildkite-token",
        "Buildkite API access token",
        &["bkua_"],
        r"\b(?P<secret>bkua_[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "sonarqube-token",
        "SonarQube user, project or analysis token",
        &["sqp_", "squ_", "sqa_"],
        r"\b(?P<secret>sq[pua]_[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "infracost-api-key",
        "Infracost API key",
        &["ico-"],
        r"\b(?P<secret>ico-[A-Za-z0-9]{32})\b",
        None,
        High,
    ),
    r(
        "prefect-api-key",
        "Prefect Cloud API key",
        &["pnu_"],
        r"\b(?P<secret>pnu_[A-Za-z0-9]{36})\b",
        None,
        High,
    ),
    // ---- Package and artifact registries ---------------------------------
    r(
        "npm-token",
        "npm access token",
        &["npm_"],
        r"\b(?P<secret>npm_[A-Za-z0-9]{36})\b",
        Some(crc32_base62_ok),
        High,
    ),
    // A macaroon, base64url: version 2, location field naming the index (the
    // fixed AgEIcHlwaS5vcmc prefix), identifier, caveats, signature.
    r(
        "pypi-token",
        "PyPI upload token",
        &["pypi-ageichlwas5vcmc"],
        r"\b(?P<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})",
        Some(pypi_macaroon_ok),
        High,
    ),
    r(
        "docker-hub-token",
        "Docker Hub personal or organization access token",
        &["dckr_pat_", "dckr_oat_"],
        r"\b(?P<secret>dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,})",
        None,
        High,
    ),
    r(
        "rubygems-api-key",
        "RubyGems API key",
        &["rubygems_"],
        r"\b(?P<secret>rubygems_[a-f0-9]{48})\b",
        None,
        High,
    ),
    r(
        "nuget-api-key",
        "NuGet API key",
        &["oy2"],
        r"\b(?P<secret>oy2[a-z0-9]{43})\b",
        None,
        High,
    ),
    r(
        "cargo-registry-token",
        "Cargo crate registry API token",
        &["cio"],
        r"\b(?P<secret>cio[A-Za-z0-9]{32})\b",
        None,
        Medium,
    ),
    r(
        "jfrog-api-key",
        "JFrog Artifactory API key",
        &["akcp"],
        r"\b(?P<secret>AKCp[A-Za-z0-9]{69})\b",
        None,
        High,
    ),
    // base64 of "reftkn:01:<timestamp>..."
    r(
        "jfrog-reference-token",
        "JFrog reference (identity) token",
        &["cmvmdgtuojaxoj"],
        r"\b(?P<secret>cmVmdGtuOjAxOj[A-Za-z0-9]{50,})",
        None,
        High,
    ),
    // ---- AI services -----------------------------------------------------
    // "T3BlbkFJ" is base64 of "OpenAI", embedded in every key.
    r(
        "openai-key",
        "OpenAI API key",
        &["t3blbkfj"],
        r"\b(?P<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})",
        None,
        High,
    ),
    r(
        "anthropic-key",
        "Anthropic API key",
        &["sk-ant-"],
        r"\b(?P<secret>sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{93}AA)(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "huggingface-token",
        "Hugging Face access token",
        &["hf_"],
        r"\b(?P<secret>hf_[A-Za-z]{34})\b",
        None,
        High,
    ),
    r(
        "groq-api-key",
        "Groq API key",
        &["gsk_"],
        r"\b(?P<secret>gsk_[A-Za-z0-9]{52})\b",
        None,
        High,
    ),
    r(
        "replicate-api-token",
        "Replicate API token",
        &["r8_"],
        r"\b(?P<secret>r8_[A-Za-z0-9]{37})\b",
        None,
        High,
    ),
    // ---- Messaging and chat ----------------------------------------------
    r(
        "slack-token",
        "Slack bot, user, app or configuration token",
        &[
            "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxe.",
        ],
        r"\b(?P<secret>(?:xoxe\.)?xox[baprse]-[0-9]{1,14}-[0-9A-Za-z\-]{20,})",
        None,
        High,
    ),
    r(
        "slack-app-token",
        "Slack app-level token",
        &["xapp-"],
        r"\b(?P<secret>xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})\b",
        None,
        High,
    ),
    r(
        "slack-webhook",
        "Slack incoming webhook URL",
        &["hooks.slack.com"],
        r"(?P<secret>https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\b",
        None,
        High,
    ),
    r(
        "discord-webhook",
        "Discord webhook URL",
        &["discord.com/api/webhooks", "discordapp.com/api/webhooks"],
        r"(?P<secret>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,68})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    // Three dot-separated parts: base64 of the bot's numeric id, a
    // timestamp, an HMAC. Only where a discord-named setting holds it.
    r(
        "discord-bot-token",
        "Discord bot token",
        &["discord"],
        r#"(?i:discord)[A-Za-z0-9_.\-]*["']?\s*[:=]\s*["']?(?:Bot\s+)?(?P<secret>[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})(?:[^A-Za-z0-9_\-]|$)"#,
        Some(discord_bot_ok),
        High,
    ),
    r(
        "telegram-bot-token",
        "Telegram bot token",
        &[":aa"],
        r"\b(?P<secret>[0-9]{8,10}:AA[0-9A-Za-z_\-]{33})(?:[^0-9A-Za-z_\-]|$)",
        None,
        High,
    ),
    r(
        "teams-webhook",
        "Microsoft Teams incoming webhook URL",
        &["webhook.office.com"],
        r"(?P<secret>https://[A-Za-z0-9\-]+\.webhook\.office\.com/webhookb2/[0-9a-f\-]{36}@[0-9a-f\-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f\-]{36}(?:/[A-Za-z0-9_\-]+)?)",
        None,
        High,
    ),
    r(
        "sendgrid-key",
        "SendGrid API key",
        &["sg."],
        r"\b(?P<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    // The API key SID (SK + 32 hex) names the key; its secret has no
    // prefix. A SID next to code is still worth a look: Medium.
    r(
        "twilio-key",
        "Twilio API key SID",
        &["sk"],
        r"\b(?P<secret>SK[0-9a-f]{32})\b",
        None,
        Medium,
    ),
    r(
        "mailgun-api-key",
        "Mailgun API key",
        &["key-"],
        r"\b(?P<secret>key-[0-9a-f]{32})\b",
        None,
        Medium,
    ),
    r(
        "mailchimp-api-key",
        "Mailchimp API key",
        &["-us"],
        r"\b(?P<secret>[0-9a-f]{32}-us[0-9]{1,2})\b",
        None,
        High,
    ),
    r(
        "brevo-api-key",
        "Brevo (Sendinblue) API key",
        &["xkeysib-"],
        r"\b(?P<secret>xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b",
        None,
        High,
    ),
    r(
        "postman-api-key",
        "Postman API key",
        &["pmak-"],
        r"\b(?P<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b",
        None,
        High,
    ),
    // ---- Payments and commerce -------------------------------------------
    r(
        "stripe-secret-key",
        "Stripe live secret key",
        &["sk_live_"],
        r"\b(?P<secret>sk_live_[0-9A-Za-z]{24,247})\b",
        None,
        High,
    ),
    r(
        "stripe-restricted-key",
        "Stripe live restricted key",
        &["rk_live_"],
        r"\b(?P<secret>rk_live_[0-9A-Za-z]{24,247})\b",
        None,
        High,
    ),
    r(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        &["whsec_"],
        r"\b(?P<secret>whsec_[A-Za-z0-9+/]{32,88}={0,2})",
        None,
        High,
    ),
    r(
        "square-access-token",
        "Square access token",
        &["eaaa", "sq0atp-"],
        r"\b(?P<secret>EAAA[A-Za-z0-9_\-]{60}|sq0atp-[A-Za-z0-9_\-]{22})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "square-oauth-secret",
        "Square OAuth application secret",
        &["sq0csp-"],
        r"\b(?P<secret>sq0csp-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "braintree-access-token",
        "PayPal Braintree production access token",
        &["access_token$production$"],
        r"\b(?P<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
        None,
        High,
    ),
    r(
        "flutterwave-secret-key",
        "Flutterwave live secret key",
        &["flwseck-"],
        r"\b(?P<secret>FLWSECK-[a-f0-9]{32}-X)\b",
        None,
        High,
    ),
    r(
        "easypost-api-key",
        "EasyPost production API key",
        &["ezak"],
        r"\b(?P<secret>EZAK[A-Za-z0-9]{54})\b",
        None,
        High,
    ),
    r(
        "shippo-api-token",
        "Shippo live API token",
        &["shippo_live_"],
        r"\b(?P<secret>shippo_live_[a-f0-9]{40})\b",
        None,
        High,
    ),
    r(
        "shopify-access-token",
        "Shopify Admin API access token",
        &["shpat_"],
        r"\b(?P<secret>shpat_[a-fA-F0-9]{32})\b",
        None,
        High,
    ),
    r(
        "shopify-custom-app-token",
        "Shopify custom app access token",
        &["shpca_"],
        r"\b(?P<secret>shpca_[a-fA-F0-9]{32})\b",
        None,
        High,
    ),
    r(
        "shopify-private-app-token",
        "Shopify private app password",
        &["shppa_"],
        r"\b(?P<secret>shppa_[a-fA-F0-9]{32})\b",
        None,
        High,
    ),
    r(
        "shopify-shared-secret",
        "Shopify app shared secret",
        &["shpss_"],
        r"\b(?P<secret>shpss_[a-fA-F0-9]{32})\b",
        None,
        High,
    ),
    // ---- Productivity and content ----------------------------------------
    r(
        "linear-api-key",
        "Linear API key",
        &["lin_api_"],
        r"\b(?P<secret>lin_api_[A-Za-z0-9]{40})\b",
        None,
        High,
    ),
    r(
        "notion-token",
        "Notion integration token",
        &["ntn_"],
        r"\b(?P<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})\b",
        None,
        High,
    ),
    // The older Notion internal integration secret: "secret_" + 43.
    r(
        "notion-legacy-token",
        "Notion internal integration secret (legacy format)",
        &["secret_"],
        r"\b(?P<secret>secret_[A-Za-z0-9]{43})\b",
        None,
        Medium,
    ),
    r(
        "airtable-pat",
        "Airtable personal access token",
        &["pat"],
        r"\b(?P<secret>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b",
        None,
        High,
    ),
    r(
        "figma-token",
        "Figma personal access token",
        &["figd_"],
        r"\b(?P<secret>figd_[A-Za-z0-9_\-]{40})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "contentful-token",
        "Contentful personal access token",
        &["cfpat-"],
        r"\b(?P<secret>CFPAT-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        None,
        High,
    ),
    r(
        "mapbox-secret-token",
        "Mapbox secret access token",
        &["sk.eyj"],
        r"\b(?P<secret>sk\.eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]{20,})",
        Some(mapbox_ok),
        High,
    ),
    r(
        "dropbox-access-token",
        "Dropbox short-lived access token",
        &["sl."],
        r"\b(?P<secret>sl\.(?:u\.)?[A-Za-z0-9_\-]{130,})",
        None,
        Medium,
    ),
    // ---- Generic structured tokens ---------------------------------------
    r(
        "jwt",
        "JSON web token",
        &["eyj"],
        r"\b(?P<secret>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,})",
        Some(jwt_ok),
        High,
    ),
];

/// Every token rule.
pub fn all() -> &'static [TokenRule] {
    RULES
}

/// Each rule's pattern, compiled once.
static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|r| Regex::new(r.pattern).unwrap_or_else(|e| panic!("rule {}: {e}", r.id)))
        .collect()
});

/// Rules whose validation is a checksum (the others check structure).
const CHECKSUMMED: &[&str] = &[
    "github-token",
    "github-oauth-token",
    "github-app-token",
    "github-refresh-token",
    "npm-token",
    "age-secret-key",
];

/// Run the rules whose index is in `active` (chosen by the prefilter) over
/// `text`, appending what they find.
pub fn scan(text: &str, active: &[usize], out: &mut Vec<Located>) {
    let mut idx: Vec<usize> = active
        .iter()
        .copied()
        .filter(|&i| i < RULES.len())
        .collect();
    idx.sort_unstable();
    idx.dedup();
    for i in idx {
        let rule = &RULES[i];
        for caps in COMPILED[i].captures_iter(text) {
            let Some(m) = caps.name("secret").or_else(|| caps.get(0)) else {
                continue;
            };
            let secret = m.as_str();
            if looks_placeholder(secret) {
                continue;
            }
            let detail = match rule.validate {
                Some(check) if !check(secret) => continue,
                Some(_) if CHECKSUMMED.contains(&rule.id) => Some("checksum verified"),
                Some(_) => Some("structure verified"),
                None => None,
            };
            let hit = Located {
                rule: rule.id,
                description: rule.description,
                confidence: rule.confidence,
                start: m.start(),
                end: m.end(),
                detail: detail.map(str::to_string),
            };
            if !out.contains(&hit) {
                out.push(hit);
            }
        }
    }
}

/// Documentation placeholders and masked values: `ghp_xxxx…`, AWS's
/// documented `AKIAIOSFODNN7EXAMPLE`, `…REDACTED…`, runs of one character,
/// sequential alphabets.
/// A published sample quoted in documentation and tests: the signatures of
/// the JWT debugger's sample token and of RFC 7519's example.
pub fn is_published_sample(secret: &str) -> bool {
    const SAMPLES: &[&str] = &[
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    ];
    SAMPLES.iter().any(|m| secret.contains(m))
}

pub fn looks_placeholder(secret: &str) -> bool {
    const MARKERS: &[&str] = &[
        "example",
        "sample",
        "dummy",
        "placeholder",
        "redacted",
        "xxxxx",
        "abcdefgh",
        "01234567",
        "12345678",
        "your_",
        "your-",
        "<",
        "...",
        "***",
    ];
    if is_published_sample(secret) {
        return true;
    }
    let lower = secret.to_ascii_lowercase();
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    let mut run = 0usize;
    let mut prev = 0u8;
    for &b in secret.as_bytes() {
        if b == prev {
            run += 1;
            if run >= 8 {
                return true;
            }
        } else {
            run = 1;
            prev = b;
        }
    }
    false
}

// ---- Checksums and structure checks ---------------------------------------

/// The base62 alphabet of GitHub and npm tokens (digits, upper, lower).
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// CRC-32 (IEEE 802.3, the zlib one).
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: LazyLock<[u32; 256]> = LazyLock::new(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    });
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `n` in base62 (GitHub's alphabet), left-padded with '0' to `width`.
pub fn base62(mut n: u32, width: usize) -> String {
    let mut digits = Vec::new();
    while n > 0 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while digits.len() < width {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// GitHub and npm token checksum: `prefix_` (4 characters), then the
/// entropy, then 6 characters that are the base62 of the CRC-32 of the
/// entropy alone.
pub fn crc32_base62_ok(token: &str) -> bool {
    let b = token.as_bytes();
    if b.len() < 4 + 6 + 1 || !token.is_ascii() {
        return false;
    }
    let entropy = &b[4..b.len() - 6];
    let check = &token[token.len() - 6..];
    base62(crc32(entropy), 6) == check
}

fn github_refresh_ok(token: &str) -> bool {
    // The 40-character form carries the checksum; the 80-character refresh
    // token has no documented one.
    token.len() != 40 || crc32_base62_ok(token)
}

/// Decodes standard or URL-safe base64, with or without padding. None on
/// any other character or an impossible length.
pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for &c in s.as_bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if s.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

/// The base64 text decodes to a JSON object.
fn b64_json(s: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = b64_decode(s)?;
    match serde_json::from_slice::<serde_json::Value>(&bytes).ok()? {
        serde_json::Value::Object(m) => Some(m),
        _ => None,
    }
}

/// A JWT: the header decodes to a JSON object naming its "alg", the payload
/// to a JSON object.
fn jwt_ok(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(h), Some(p)) = (parts.next(), parts.next()) else {
        return false;
    };
    let Some(header) = b64_json(h) else {
        return false;
    };
    header.get("alg").is_some_and(|a| a.is_string()) && b64_json(p).is_some()
}

fn azure_storage_key_ok(key: &str) -> bool {
    b64_decode(key).is_some_and(|b| b.len() == 64)
}

fn azure_shared_access_key_ok(key: &str) -> bool {
    b64_decode(key).is_some_and(|b| b.len() == 32)
}

/// A Mapbox token: `sk.` then a base64 JSON payload naming the user ("u").
fn mapbox_ok(token: &str) -> bool {
    token
        .split('.')
        .nth(1)
        .and_then(b64_json)
        .is_some_and(|m| m.contains_key("u"))
}

/// A Sentry org token: `sntrys_`, base64 JSON with "iat", `_`, the secret.
fn sentry_org_ok(token: &str) -> bool {
    let Some(body) = token.strip_prefix("sntrys_") else {
        return false;
    };
    let Some((payload, _secret)) = body.rsplit_once('_') else {
        return false;
    };
    b64_json(payload).is_some_and(|m| m.contains_key("iat"))
}

fn grafana_cloud_ok(token: &str) -> bool {
    token.strip_prefix("glc_").and_then(b64_json).is_some()
}

fn onepassword_ok(token: &str) -> bool {
    token.strip_prefix("ops_").and_then(b64_json).is_some()
}

/// A Discord bot token's first part is the base64 of the bot's numeric
/// (snowflake) id.
fn discord_bot_ok(token: &str) -> bool {
    let Some(first) = token.split('.').next() else {
        return false;
    };
    b64_decode(first)
        .is_some_and(|b| (17..=20).contains(&b.len()) && b.iter().all(u8::is_ascii_digit))
}

/// Bech32 (BIP-173) checksum of an age secret key, HRP "age-secret-key-".
fn age_ok(key: &str) -> bool {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let lower = key.to_ascii_lowercase();
    let Some(sep) = lower.rfind('1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    let mut values: Vec<u8> = Vec::with_capacity(hrp.len() * 2 + 1 + data.len());
    values.extend(hrp.bytes().map(|c| c >> 5));
    values.push(0);
    values.extend(hrp.bytes().map(|c| c & 31));
    for c in data.bytes() {
        let Some(v) = CHARSET.iter().position(|&x| x == c) else {
            return false;
        };
        values.push(v as u8);
    }
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1
}

/// A PyPI token is `pypi-` and a version 2 macaroon, base64url: version
/// byte 2, then a header section (location, identifier) ending in an
/// end-of-section byte, caveat sections each ending the same way, an empty
/// section, and a 32-byte signature field.
fn pypi_macaroon_ok(token: &str) -> bool {
    let Some(body) = token.strip_prefix("pypi-") else {
        return false;
    };
    let Some(bytes) = b64_decode(body) else {
        return false;
    };
    parse_macaroon_v2(&bytes).is_some()
}

fn parse_macaroon_v2(b: &[u8]) -> Option<()> {
    fn varint(b: &[u8], pos: &mut usize) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *b.get(*pos)?;
            *pos += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
    // Reads one section; returns the field types seen.
    fn section(b: &[u8], pos: &mut usize) -> Option<Vec<u64>> {
        let mut types = Vec::new();
        loop {
            let t = varint(b, pos)?;
            if t == 0 {
                return Some(types);
            }
            let len = usize::try_from(varint(b, pos)?).ok()?;
            let end = pos.checked_add(len)?;
            if end > b.len() {
                return None;
            }
            *pos = end;
            types.push(t);
        }
    }
    if b.first() != Some(&2) {
        return None;
    }
    let mut pos = 1;
    let header = section(b, &mut pos)?;
    if !header.contains(&2) {
        return None;
    }
    // Caveat sections until the empty one.
    for _ in 0..1000 {
        let types = section(b, &mut pos)?;
        if types.is_empty() {
            break;
        }
    }
    // Signature: type 6, 32 bytes.
    if varint(b, &mut pos)? != 6 || varint(b, &mut pos)? != 32 {
        return None;
    }
    (pos + 32 == b.len()).then_some(())
}

#[cfg(test)]
mod tests;
