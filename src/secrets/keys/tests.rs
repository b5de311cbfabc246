use super::*;

mod cases;
use cases::*;

fn keys(text: &str) -> Vec<Located> {
    let mut out = Vec::new();
    scan(text, &mut out);
    out
}

/// The one key in `text`: its description and detail.
fn one(text: &str) -> (&'static str, String) {
    let hits = keys(text);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!(h.rule, "private-key");
    assert_eq!(h.confidence, Confidence::High);
    (h.description, h.detail.clone().unwrap_or_default())
}

#[test]
fn pem_containers_and_their_encryption() {
    for (text, description, detail) in [
        (PKCS8, "PKCS#8 private key", "unencrypted"),
        (PKCS8_ENC, "PKCS#8 private key", "encrypted"),
        (RSA, "PKCS#1 RSA private key", "unencrypted"),
        (RSA_ENC, "PKCS#1 RSA private key", "encrypted"),
        (EC, "SEC1 EC private key", "unencrypted"),
        (DSA, "DSA private key", "unencrypted"),
        (OPENSSH, "OpenSSH private key", "unencrypted"),
        (OPENSSH_ENC, "OpenSSH private key", "encrypted"),
        (PGP, "PGP private key block", "unencrypted"),
        (PGP_ENC, "PGP private key block", "encrypted"),
    ] {
        assert_eq!(one(text), (description, detail.to_string()), "{text}");
    }
}

#[test]
fn putty_files_and_their_encryption() {
    for (text, detail) in [
        (PUTTY2, "unencrypted"),
        (PUTTY2_ENC, "encrypted"),
        (PUTTY3, "unencrypted"),
        (PUTTY3_ENC, "encrypted"),
    ] {
        assert_eq!(one(text), ("PuTTY private key", detail.to_string()));
        let h = &keys(text)[0];
        // The range runs from the header line to the MAC line.
        assert_eq!(h.start, 0);
        assert!(text[..h.end].ends_with(text.trim_end().rsplit('\n').next().unwrap()));
    }
    // A mention of the format is not a key file.
    assert!(keys("PuTTY-User-Key-File-2: ssh-rsa is the first line of a .ppk").is_empty());
    let no_private = PUTTY2.split("Private-Lines").next().unwrap();
    assert!(keys(no_private).is_empty());
}

#[test]
fn the_range_covers_the_block() {
    let text = format!("# deploy key\n{OPENSSH}# end\n");
    let h = &keys(&text)[0];
    assert_eq!(&text[h.start..h.end], OPENSSH.trim_end());
}

#[test]
fn unterminated_blocks_still_count() {
    let cut: String = PKCS8.lines().take(8).collect::<Vec<_>>().join("\n");
    let (d, detail) = one(&cut);
    assert_eq!(d, "PKCS#8 private key");
    assert_eq!(detail, "unencrypted; no END line");
    // Truncated OpenSSH: the head still tells the cipher.
    let cut: String = OPENSSH_ENC.lines().take(4).collect::<Vec<_>>().join("\n");
    assert_eq!(one(&cut).1, "encrypted; no END line");
    // Followed by other text: the block ends at its last base64 line.
    let text = format!("{cut}\nnext: value\n");
    let h = &keys(&text)[0];
    assert_eq!(&text[h.start..h.end], cut);
    // A second BEGIN before any END ends the first block.
    let text = format!("{cut}\n{RSA}");
    let hits = keys(&text);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[1].detail.as_deref(), Some("unencrypted"));
}

#[test]
fn marker_strings_and_elided_examples_are_not_keys() {
    // A parser's marker constants, as in a Python crypto library.
    let code = r#"
_SK_MAGIC = b"openssh-key-v1\0"
_SK_START = b"-----BEGIN OPENSSH PRIVATE KEY-----"
_SK_END = b"-----END OPENSSH PRIVATE KEY-----"
_PEM_RC = re.compile(_SK_START + b"(.*?)" + _SK_END, re.DOTALL)

def load_pem(data):
    if data.startswith(b"-----BEGIN PRIVATE KEY-----"):
        return _load_pkcs8(data)
    raise ValueError("Not a private key")
"#;
    assert!(keys(code).is_empty(), "{:?}", keys(code));
    for doc in [
        "Paste your key (it starts with -----BEGIN RSA PRIVATE KEY-----).",
        "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...snip...\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----",
        "key: |\n  -----BEGIN EC PRIVATE KEY-----\n  {{ .Values.key }}\n  -----END EC PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----",
    ] {
        assert!(keys(doc).is_empty(), "{doc}");
    }
    // A marker and, many lines of code later, a real key: the key alone.
    let text = format!("{code}\n{EC}");
    let hits = keys(&text);
    assert_eq!(hits.len(), 1);
    assert!(text[hits[0].start..].starts_with("-----BEGIN EC PRIVATE KEY-----"));
}

#[test]
fn public_keys_and_certificates_are_not_private_keys() {
    for text in [CERT, PUBLIC, RSA_PUBLIC] {
        assert!(keys(text).is_empty(), "{text}");
    }
    assert!(keys("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJq2mX8fKp0b4T7nQ3vWcL5yR9eH1sZ6uA0dG2kF8jNx user@host").is_empty());
}

#[test]
fn keys_inside_json_yaml_and_code_strings() {
    // A cloud service account file: the PEM is a JSON string with \n.
    let escaped = PKCS8.replace('\n', "\\n");
    let json = format!(
        "{{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"0f3c\",\n  \"private_key\": \"{escaped}\",\n  \"client_email\": \"svc@project.invalid\"\n}}\n"
    );
    let hits = keys(&json);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].detail.as_deref(), Some("unencrypted"));
    assert!(json[hits[0].start..hits[0].end].ends_with("-----END PRIVATE KEY-----"));
    // YAML block scalar, indented.
    let yaml = format!(
        "tls:\n  key: |\n{}\n",
        RSA_ENC
            .lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(one(&yaml), ("PKCS#1 RSA private key", "encrypted".into()));
    // Concatenated string literals in code.
    let js = format!(
        "const key =\n{};\n",
        OPENSSH
            .lines()
            .map(|l| format!("  \"{l}\\n\" +"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(one(&js), ("OpenSSH private key", "unencrypted".into()));
}

#[test]
fn each_key_once_and_several_keys() {
    let text = format!("{PKCS8}\n{OPENSSH_ENC}\n{PUTTY3}");
    let hits = keys(&text);
    assert_eq!(hits.len(), 3, "{hits:?}");
    let mut out = hits.clone();
    scan(&text, &mut out);
    assert_eq!(out.len(), 3, "scanning again adds nothing new");
}

#[test]
fn encryption_unknown_when_the_body_does_not_parse() {
    // An OpenSSH block whose body is not the OpenSSH format.
    let text = PKCS8.replace("PRIVATE KEY", "OPENSSH PRIVATE KEY");
    assert_eq!(one(&text).1, "encryption unknown");
}

#[test]
fn no_panic_and_bounded() {
    for text in [
        "",
        "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\\",
        "-----BEGIN PRIVATE KEY-----\\n",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxcA=\n-----END PGP PRIVATE KEY BLOCK-----",
    ] {
        keys(text);
    }
    // Multi-byte characters around and inside a block.
    let text = format!(
        "é—{}\u{1F600}{}",
        PKCS8.replace("\n", "\né"),
        "ü".repeat(70_000)
    );
    for h in keys(&text) {
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    // An unterminated BEGIN followed by a megabyte of base64: one block,
    // at most 64 KiB long.
    let body = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n".repeat(16_000);
    let text = format!("-----BEGIN PRIVATE KEY-----\n{body}");
    let hits = keys(&text);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].end - hits[0].start <= MAX_BLOCK + 64);
    // Truncated PGP and OpenSSH bodies do not panic their parsers.
    for src in [PGP, PGP_ENC, OPENSSH, OPENSSH_ENC] {
        let b64: String = src.lines().filter(|l| !l.starts_with("-----")).collect();
        for n in (0..b64.len().min(600)).step_by(7) {
            let _ = pgp_encrypted(&b64[..n]);
            let _ = openssh_encrypted(&b64[..n]);
        }
    }
}

#[test]
fn keys_whose_newlines_became_spaces() {
    // A folded YAML scalar or a one-line .env value: the line breaks are
    // blanks.
    let joined = OPENSSH.trim_end().replace('\n', " ");
    let (d, _) = one(&format!("SSH_PRIVATE_KEY={joined}\n"));
    assert!(d.contains("OpenSSH"), "{d}");
    let joined = PKCS8.trim_end().replace('\n', " ");
    one(&format!("key: >\n  {joined}\n"));
    // Prose between the markers is still no key.
    none_of("-----BEGIN PRIVATE KEY----- put your key here -----END PRIVATE KEY-----");
    none_of("-----BEGIN RSA PRIVATE KEY-----\nREPLACE THIS WITH THE CONTENTS OF YOUR PRIVATE KEY FILE\nDO NOT COMMIT THE REAL KEY TO THIS REPOSITORY EVER\n-----END RSA PRIVATE KEY-----\n");
}

fn none_of(text: &str) {
    assert!(keys(text).is_empty(), "{:?}", keys(text));
}
