use super::*;

mod cases;
use cases::{NEGATIVES, POSITIVES};

fn every_rule() -> Vec<usize> {
    (0..all().len()).collect()
}

fn scan_all(text: &str) -> Vec<Located> {
    let mut out = Vec::new();
    scan(text, &every_rule(), &mut out);
    out
}

/// What the prefilter would choose: the rules one of whose keywords occurs.
fn prefiltered(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    all()
        .iter()
        .enumerate()
        .filter(|(_, r)| r.keywords.iter().any(|k| lower.contains(k)))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn ids_are_unique_and_rules_are_well_formed() {
    let mut ids: Vec<&str> = all().iter().map(|r| r.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule id");
    assert!(n >= 60, "{n} rules");
    for (i, r) in all().iter().enumerate() {
        assert!(!r.keywords.is_empty(), "{}", r.id);
        for k in r.keywords {
            assert_eq!(*k, k.to_ascii_lowercase(), "{}: keyword {k}", r.id);
        }
        // Every pattern compiles (forces the LazyLock).
        assert!(COMPILED[i].captures_len() >= 1, "{}", r.id);
    }
    // The rule ids of the former detector are kept.
    for id in [
        "aws-access-key-id",
        "github-token",
        "github-fine-grained-token",
        "gitlab-token",
        "slack-token",
        "slack-webhook",
        "google-api-key",
        "stripe-secret-key",
        "npm-token",
        "pypi-token",
        "docker-hub-token",
        "openai-key",
        "anthropic-key",
        "sendgrid-key",
        "twilio-key",
        "vault-token",
        "azure-storage-key",
        "jwt",
    ] {
        assert!(all().iter().any(|r| r.id == id), "{id}");
    }
}

#[test]
fn every_rule_has_a_positive_and_a_negative() {
    for r in all() {
        assert!(
            POSITIVES.iter().any(|(id, _, _)| *id == r.id),
            "{}: no positive",
            r.id
        );
        assert!(
            NEGATIVES.iter().any(|(id, _)| *id == r.id),
            "{}: no negative",
            r.id
        );
    }
}

#[test]
fn positives_are_found_with_the_exact_value_range() {
    for (id, text, value) in POSITIVES {
        let hits = scan_all(text);
        let hit = hits
            .iter()
            .find(|h| h.rule == *id)
            .unwrap_or_else(|| panic!("{id}: not found in {text:?}; got {hits:?}"));
        assert_eq!(&text[hit.start..hit.end], *value, "{id}");
        // The prefilter's choice is enough to find it.
        let mut out = Vec::new();
        scan(text, &prefiltered(text), &mut out);
        assert!(out.iter().any(|h| h.rule == *id), "{id}: keyword missing");
    }
}

#[test]
fn every_match_contains_a_keyword() {
    for (id, text, _) in POSITIVES {
        let i = all().iter().position(|r| r.id == *id).unwrap();
        for m in COMPILED[i].find_iter(text) {
            let lower = m.as_str().to_ascii_lowercase();
            assert!(
                all()[i].keywords.iter().any(|k| lower.contains(k)),
                "{id}: match {:?} has no keyword",
                m.as_str()
            );
        }
    }
}

#[test]
fn hard_negatives_are_not_reported() {
    for (id, text) in NEGATIVES {
        let hits = scan_all(text);
        assert!(
            !hits.iter().any(|h| h.rule == *id),
            "{id}: reported {text:?}: {hits:?}"
        );
    }
}

#[test]
fn aws_documentation_example_is_not_reported() {
    // AWS's documented example key id and secret are well-known fakes that
    // fill tutorials and test suites: not reported.
    let text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
    assert!(scan_all(text).is_empty(), "{:?}", scan_all(text));
}

#[test]
fn github_checksum_scheme() {
    // The scheme: base62 (0-9A-Za-z) of the CRC-32 of the 30 entropy
    // characters, 6 wide. Computed here independently of the rule.
    let entropy = "Zq3R8mWt0Lk5Yp2Vn7Xb4Hc9Gd1Fs6";
    let token = format!("ghp_{entropy}{}", base62(crc32(entropy.as_bytes()), 6));
    assert!(crc32_base62_ok(&token));
    let hits = scan_all(&format!("GH_TOKEN={token}"));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].detail.as_deref(), Some("checksum verified"));
    // The prefix takes no part in the checksum.
    assert!(crc32_base62_ok(&token.replacen("ghp_", "gho_", 1)));
    // One changed entropy character breaks it.
    assert!(!crc32_base62_ok(&token.replacen('Z', "Y", 1)));
    // Known CRC-32 values (the zlib polynomial).
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(base62(0, 6), "000000");
    assert_eq!(base62(61, 6), "00000z");
    assert_eq!(base62(u32::MAX, 6), "4gfFC3");
}

#[test]
fn details_say_what_was_verified() {
    let (_, text, _) = POSITIVES.iter().find(|(id, _, _)| *id == "jwt").unwrap();
    let hits = scan_all(text);
    assert_eq!(hits[0].detail.as_deref(), Some("structure verified"));
    let (_, text, _) = POSITIVES
        .iter()
        .find(|(id, _, _)| *id == "age-secret-key")
        .unwrap();
    assert_eq!(
        scan_all(text)[0].detail.as_deref(),
        Some("checksum verified")
    );
    let (_, text, _) = POSITIVES
        .iter()
        .find(|(id, _, _)| *id == "linear-api-key")
        .unwrap();
    assert_eq!(scan_all(text)[0].detail, None);
}

#[test]
fn placeholders() {
    for p in [
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "AKIAIOSFODNN7EXAMPLE",
        "sk_live_REDACTED",
        "glpat-00000000000000000000",
        "abcdefghijklmnop",
        "<token>",
    ] {
        assert!(looks_placeholder(p), "{p}");
    }
    assert!(!looks_placeholder("glpat-Zq3R8mWt0Lk5Yp2Vn7Xb"));
}

#[test]
fn base64_decoder() {
    assert_eq!(b64_decode("aGVsbG8").unwrap(), b"hello");
    assert_eq!(b64_decode("aGVsbG8=").unwrap(), b"hello");
    assert_eq!(b64_decode("-_-_").unwrap(), b64_decode("+/+/").unwrap());
    assert!(b64_decode("a").is_none());
    assert!(b64_decode("a b").is_none());
}

#[test]
fn one_value_one_report_and_indexes_out_of_range_are_ignored() {
    let (_, text, _) = POSITIVES
        .iter()
        .find(|(id, _, _)| *id == "npm-token")
        .unwrap();
    let i = all().iter().position(|r| r.id == "npm-token").unwrap();
    let mut out = Vec::new();
    scan(text, &[i, i, usize::MAX, all().len()], &mut out);
    assert_eq!(out.len(), 1);
    scan(text, &[i], &mut out);
    assert_eq!(out.len(), 1, "the same hit is not appended twice");
}

#[test]
fn no_panic_on_odd_input_and_offsets_are_char_boundaries() {
    let mut text = String::new();
    for (_, t, _) in POSITIVES {
        text.push_str("é—");
        text.push_str(t);
        text.push_str("\u{1F600}\0\r\n");
    }
    text.push_str(&"\u{FFFD}".repeat(1000));
    let hits = scan_all(&text);
    assert!(hits.len() >= POSITIVES.len());
    for h in &hits {
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    for junk in [
        "",
        "\u{0}",
        "sk-ant-",
        "pypi-AgEIcHlwaS5vcmc",
        "eyJ.eyJ.",
        "Q~",
    ] {
        scan_all(junk);
    }
    // Truncated or mangled structured values do not panic their validators.
    for (_, t, v) in POSITIVES {
        for cut in [1, 2, 3, 7] {
            if v.len() > cut && v.is_char_boundary(v.len() - cut) {
                scan_all(&t.replace(v, &v[..v.len() - cut]));
            }
        }
    }
}

#[test]
fn big_input_is_linear() {
    // 1 MiB of token-like noise with every rule active: Rust's regex is
    // linear; this guards against a pattern that is pathological anyway.
    let chunk = "ghp_ sk-ant- xoxb-1-2 eyJhbGciOi.eyJzdWIi. AIza dapi pat Q~ :AA sig= ";
    let text = chunk.repeat(1024 * 1024 / chunk.len());
    let t = std::time::Instant::now();
    let hits = scan_all(&text);
    assert!(hits.is_empty(), "{:?}", &hits[..1]);
    assert!(t.elapsed().as_secs() < 60);
}

#[test]
fn bech32_checksum_against_the_reference_vectors() {
    // BIP-173's valid test strings check the polymod age keys rely on.
    assert!(age_ok("A12UEL5L"));
    assert!(age_ok("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
    assert!(age_ok(
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"
    ));
    // And its invalid ones fail.
    assert!(!age_ok("A12UEL5M"));
    assert!(!age_ok("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"));
}

/// The labelled set of tests/secrets/labelled/tokens: this module's rules
/// and the private key scanner find exactly the labelled lines.
#[test]
fn labelled_token_set_is_found_exactly() {
    use std::collections::BTreeSet;
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/secrets/labelled/tokens");
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    let mut want = BTreeSet::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "{line:?}");
        want.insert((
            f[0].to_string(),
            f[1].parse::<usize>().unwrap(),
            f[2].to_string(),
        ));
    }
    let mut got = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "labels.tsv")
        .collect();
    files.sort();
    for name in &files {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let mut hits = Vec::new();
        scan(&text, &every_rule(), &mut hits);
        crate::secrets::keys::scan(&text, &mut hits);
        for h in hits {
            let line = text[..h.start].matches('\n').count() + 1;
            got.insert((name.clone(), line, h.rule.to_string()));
        }
    }
    let missed: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:?}\nextra {extra:?}"
    );
    // Every rule has a labelled positive.
    for r in all() {
        assert!(want.iter().any(|(_, _, id)| id == r.id), "{}", r.id);
    }
    assert!(want.iter().any(|(_, _, id)| id == "private-key"));
}
