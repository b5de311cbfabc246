//! IMG-012: accounts without a password in the image's passwd/shadow.

use crate::checks::support::image::{over_image_files, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_image_files(ctx, |img| {
        // Either file unread leaves accounts unjudged: a passwd entry
        // shadowed by an unread shadow, or a shadow entry not listed.
        for f in ["/etc/passwd", "/etc/shadow"] {
            if img.unread.iter().any(|u| u.path == f) {
                return Err(img.missing_file(f));
            }
        }
        if img.passwd.is_none() && img.shadow.is_none() {
            return Err("no /etc/passwd or /etc/shadow in the image".to_string());
        }
        let mut out = Vec::new();
        for s in img
            .shadow
            .iter()
            .flatten()
            .filter(|s| s.password == "empty")
        {
            out.push(Finding::new(
                scanned_subject(img),
                format!("account {} has an empty password in /etc/shadow", s.name),
                Evidence::new(
                    "image file: /etc/shadow (final view)",
                    format!("{}::...", s.name),
                    "a locked (!) or hashed password",
                ),
            ));
        }
        // Only `x` in passwd sends the login to /etc/shadow (pam_unix,
        // busybox): an empty field is no password, whatever shadow holds.
        for p in img
            .passwd
            .iter()
            .flatten()
            .filter(|p| p.empty_password_field)
        {
            let shadowed = img.shadow.iter().flatten().any(|s| s.name == p.name);
            out.push(Finding::new(
                scanned_subject(img),
                format!(
                    "account {} has an empty password field in /etc/passwd{}",
                    p.name,
                    if shadowed {
                        " (its /etc/shadow entry is not consulted: only x defers to it)"
                    } else {
                        " and no shadow entry"
                    }
                ),
                Evidence::new(
                    "image file: /etc/passwd (final view)",
                    format!(
                        "{}::{}:...",
                        p.name,
                        p.uid.map(|u| u.to_string()).unwrap_or_default()
                    ),
                    "x (shadowed) or a locked password",
                ),
            ));
        }
        Ok(out)
    })
}
