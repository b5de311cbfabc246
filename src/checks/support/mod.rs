//! Helpers the checks share, one module per subject (container, daemon,
//! dockerfile, image, swarm, exec), plus user identity, subjects for engine
//! objects and host fact sources. Pure functions of the facts; no I/O here.

pub mod container;
pub mod daemon;
pub mod dockerfile;
pub mod exec;
pub mod image;
pub mod swarm;
pub mod vulns;

use crate::secrets::SecretHit;

/// A `user[:group]` specification as Docker accepts it (Config.User,
/// USER, compose `user:`, `docker run --user`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    pub user: String,
    pub group: Option<String>,
}

/// Whether a user specification runs as root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// uid 0 by number or by the name `root`, or no user at all (the default
    /// is root).
    Root,
    /// A non-zero numeric uid.
    NonRootUid(u32),
    /// A name other than root: its uid depends on the image's /etc/passwd.
    Named,
}

impl UserSpec {
    pub fn parse(spec: &str) -> UserSpec {
        let spec = spec.trim();
        match spec.split_once(':') {
            Some((u, g)) => UserSpec {
                user: u.trim().to_string(),
                group: Some(g.trim().to_string()),
            },
            None => UserSpec {
                user: spec.to_string(),
                group: None,
            },
        }
    }

    /// The identity of the user part. Numeric ids are read as Docker reads
    /// them ("00" is uid 0); an empty user is the default user, root.
    pub fn identity(&self) -> Identity {
        let u = self.user.as_str();
        if u.is_empty() || u == "root" {
            return Identity::Root;
        }
        // A sign is part of a number as the runtime parses it (`+0`, `-0`
        // are uid 0).
        let digits = u.strip_prefix(['+', '-']).unwrap_or(u);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return match u.parse::<i64>() {
                Ok(0) => Identity::Root,
                Ok(n) if (1..=u32::MAX as i64).contains(&n) => Identity::NonRootUid(n as u32),
                // Negative or out of range: the engine refuses it; not root.
                _ => Identity::Named,
            };
        }
        Identity::Named
    }

    /// The group part is gid 0 / root.
    pub fn group_is_root(&self) -> bool {
        match self.group.as_deref() {
            Some(g) => {
                g == "root"
                    || (g.bytes().all(|b| b.is_ascii_digit())
                        && g.parse::<u64>() == Ok(0)
                        && !g.is_empty())
            }
            None => false,
        }
    }
}

pub use crate::adapt::engine::container_subject;
pub use crate::adapt::image::image_subject;

/// The evidence source naming a container inspect field.
pub fn inspect_field(path: &str) -> String {
    format!("engine: container inspect {path}")
}

/// The evidence source naming an image inspect field.
pub fn image_field(path: &str) -> String {
    format!("engine: image inspect {path}")
}

/// What a hit is, for a finding's sentence: the token kind, or "a
/// secret-looking value" for a secret name with a value.
pub(crate) fn secret_what(hit: &SecretHit) -> String {
    if hit.rule == "secret-name" {
        "a secret-looking value".to_string()
    } else {
        format!("a {}", hit.description)
    }
}

/// One source of the host facts, or the skip saying which is missing: "host
/// facts unavailable", else "<what>: <reason>".
pub fn host_part<'a, T>(
    ctx: &super::Ctx<'a>,
    source: impl Fn(&'a crate::facts::host::HostFacts) -> &'a crate::facts::Source<T>,
    what: &str,
) -> Result<&'a T, super::Outcome> {
    let Some(host) = ctx.facts.host.get() else {
        return Err(super::Outcome::Skipped("host facts unavailable".into()));
    };
    let part = source(host);
    part.get().ok_or_else(|| {
        super::Outcome::Skipped(format!("{what}: {}", part.reason().unwrap_or_default()))
    })
}

/// [`host_part`], returning the skip from the calling check.
macro_rules! host_source {
    ($ctx:expr, $field:ident, $what:literal) => {
        match crate::checks::support::host_part($ctx, |h| &h.$field, $what) {
            Ok(part) => part,
            Err(skipped) => return skipped,
        }
    };
}
pub(crate) use host_source;

/// The value of an `Option`, or the check returns skipped with `reason`
/// (the facts it needs are missing).
macro_rules! or_skip {
    ($value:expr, $reason:literal) => {
        match $value {
            Some(value) => value,
            None => return crate::checks::Outcome::Skipped($reason.into()),
        }
    };
}
pub(crate) use or_skip;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_identity_spellings() {
        for root in [
            "",
            "root",
            "0",
            "00",
            "0:0",
            "root:root",
            "root:1000",
            " 0 ",
            "0:1000",
            "+0",
            "-0",
            "+00:0",
        ] {
            assert_eq!(UserSpec::parse(root).identity(), Identity::Root, "{root:?}");
        }
        assert_eq!(
            UserSpec::parse("1000").identity(),
            Identity::NonRootUid(1000)
        );
        assert_eq!(
            UserSpec::parse("+1000").identity(),
            Identity::NonRootUid(1000)
        );
        assert_eq!(UserSpec::parse("-5").identity(), Identity::Named);
        assert_eq!(UserSpec::parse("+").identity(), Identity::Named);
        assert_eq!(
            UserSpec::parse("1000:0").identity(),
            Identity::NonRootUid(1000)
        );
        assert!(UserSpec::parse("1000:0").group_is_root());
        assert!(UserSpec::parse("app:root").group_is_root());
        assert!(!UserSpec::parse("app:app").group_is_root());
        assert_eq!(UserSpec::parse("nobody").identity(), Identity::Named);
        assert_eq!(UserSpec::parse("rootless").identity(), Identity::Named);
        assert_eq!(UserSpec::parse("99999999999").identity(), Identity::Named);
    }
}
