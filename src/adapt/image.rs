//! Image subjects: one normalised view of an image, whether the engine
//! listed it (`facts::Image`: config and history from the Engine API) or its
//! layers were read (`facts::ImageFacts`: config, history, files, packages).
//! Every image check judges this view, so each image rule exists once. Each
//! value keeps the field it came from, for exact evidence. Pure: no I/O and
//! no verdicts.

use std::collections::BTreeMap;

use super::history::{self, Instruction};
use crate::facts::engine::HealthConfig;
use crate::facts::{Facts, Image, ImageFacts};
use crate::model::Subject;

/// A value and where it was read (an API field path or an image config
/// field).
#[derive(Clone, Debug, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: String,
}

impl<T> Sourced<T> {
    fn new(value: T, source: String) -> Self {
        Sourced { value, source }
    }
}

/// Which model the subject was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The engine's image list (`docker image inspect`, `docker history`).
    Engine,
    /// An image whose layers were read (archive, OCI layout, rootfs, or an
    /// engine image exported with `docker save`).
    Scanned,
}

/// The image config fields the rules judge.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigView {
    pub user: Sourced<String>,
    pub env: Sourced<Vec<String>>,
    pub labels: Sourced<BTreeMap<String, String>>,
    pub healthcheck: Sourced<Option<HealthConfig>>,
    pub exposed_ports: Sourced<Vec<String>>,
    pub entrypoint: Sourced<Option<Vec<String>>>,
    pub cmd: Sourced<Option<Vec<String>>>,
}

/// One history entry, parsed once.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryStep {
    /// 1-based position, oldest first (the engine lists newest first; the
    /// image config oldest first: both are renumbered the same way).
    pub entry: usize,
    pub created_by: String,
    /// The entry read back as a Dockerfile instruction (None: empty).
    pub instruction: Option<Instruction>,
    pub empty_layer: bool,
    /// Where the entry was read, naming the entry.
    pub source: String,
}

/// One image, from either model.
#[derive(Clone, Debug)]
pub struct ImageSubject<'a> {
    /// The subject findings name.
    pub subject: Subject,
    /// The reference audited (tag, digest, archive path or short id).
    pub reference: String,
    /// Full id (sha256:...) when known, else "".
    pub id: String,
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    /// RFC 3339 build time as recorded ("" when unknown).
    pub created: Sourced<String>,
    /// None: the image has no config (a plain rootfs directory).
    pub config: Option<ConfigView>,
    /// Oldest first.
    pub history: Vec<HistoryStep>,
    /// The scanned image, only when its layers were read: files, packages,
    /// passwd, caches.
    pub layers: Option<&'a ImageFacts>,
    /// Why `layers` is None, when a scan set out to read them and did not
    /// (None: no scan was asked for, [`LAYERS_NOT_READ`]).
    pub layers_unread: Option<String>,
    pub origin: Origin,
    /// Its cosign signatures checked against the trusted keys (None: not
    /// checked).
    pub signatures: Option<&'a crate::facts::image::SignatureCheck>,
}

impl<'a> ImageSubject<'a> {
    /// The history steps that read back as a `keyword` instruction, with it.
    pub fn steps_of<'s>(
        &'s self,
        keyword: &'s str,
    ) -> impl Iterator<Item = (&'s HistoryStep, &'s Instruction)> + 's {
        self.history.iter().filter_map(move |step| {
            let ins = step.instruction.as_ref().filter(|i| i.keyword == keyword)?;
            Some((step, ins))
        })
    }

    /// The scanned image, or why its layers were not read.
    pub fn layers_or_why(&self) -> Result<&'a ImageFacts, String> {
        self.layers.ok_or_else(|| {
            self.layers_unread
                .clone()
                .unwrap_or_else(|| LAYERS_NOT_READ.to_string())
        })
    }
}

/// Why a layer-content rule could not judge an engine-only image.
pub const LAYERS_NOT_READ: &str = "layers not read (run with --scan-images)";
/// Why a config rule could not judge an image without a config.
pub const NO_CONFIG: &str = "no image config (a rootfs directory has none)";

/// What the engine knows of an image it did not list: nothing.
static NO_ENGINE_IMAGE: std::sync::LazyLock<Image> = std::sync::LazyLock::new(Image::default);

/// Every image of the facts, each once: engine images in the engine's
/// order, in their scanned form when their layers were read too (same id,
/// or an engine export sharing a tag: the scanned form holds everything the
/// engine form has, plus layers), then scanned images the engine did not
/// list (`dockaudit image` on an archive).
pub fn subjects(facts: &Facts) -> Vec<ImageSubject<'_>> {
    let scanned = facts.scanned_images();
    let mut used = vec![false; scanned.len()];
    let mut out = Vec::new();
    for e in facts.images() {
        let twin = scanned.iter().position(|s| same_image(e, s));
        match twin {
            Some(k) => {
                if !used[k] {
                    used[k] = true;
                    out.push(from_scanned(&scanned[k], e));
                }
            }
            None => {
                let mut subject = from_engine(e);
                // A scan of the engine's images that left this one out.
                if facts.scanned_images.is_present() {
                    subject.layers_unread = Some(match facts.image_scan_errors.get(&e.id) {
                        Some(why) => format!("layers not read: {why}"),
                        None => "layers not read: the image was not among those scanned".into(),
                    });
                }
                out.push(subject)
            }
        }
    }
    for (k, s) in scanned.iter().enumerate() {
        if !used[k] {
            out.push(from_scanned(s, &NO_ENGINE_IMAGE));
        }
    }
    out
}

fn same_image(e: &Image, s: &ImageFacts) -> bool {
    if !s.id.is_empty() && s.id == e.id {
        return true;
    }
    // The containerd image store names images by manifest digest, not by
    // config digest: an engine export is still the same image by tag.
    s.source == "engine"
        && s.repo_tags
            .iter()
            .any(|t| t != "<none>:<none>" && e.repo_tags.contains(t))
}

/// History steps, oldest first, from each entry's `created_by` and whether
/// it made no layer; `source(k, n, total)` names entry `k` (from 0), the
/// `n`th of `total`.
fn history_steps<'a>(
    entries: impl ExactSizeIterator<Item = (&'a String, bool)>,
    source: impl Fn(usize, usize, usize) -> String,
) -> Vec<HistoryStep> {
    let total = entries.len();
    entries
        .enumerate()
        .map(|(k, (created_by, empty_layer))| HistoryStep {
            entry: k + 1,
            created_by: created_by.clone(),
            instruction: history::parse(created_by),
            empty_layer,
            source: source(k, k + 1, total),
        })
        .collect()
}

/// The subject of an engine image (config and history from the Engine API).
pub fn from_engine(i: &Image) -> ImageSubject<'_> {
    let c = &i.config;
    let f = |path: &str| format!("engine: image inspect {path}");
    // The engine lists history newest first and reports no empty_layer
    // flag: a 0-byte entry made no layer.
    let history = history_steps(
        i.history
            .iter()
            .rev()
            .map(|h| (&h.created_by, h.size == Some(0))),
        |_, n, total| {
            format!("engine: image history CreatedBy (entry {n} of {total}, oldest first)")
        },
    );
    ImageSubject {
        subject: image_subject(i),
        reference: i.display_name(),
        id: i.id.clone(),
        repo_tags: i.repo_tags.clone(),
        repo_digests: i.repo_digests.clone(),
        created: Sourced::new(i.created.clone(), f("Created")),
        config: Some(ConfigView {
            user: Sourced::new(c.user.clone(), f("Config.User")),
            env: Sourced::new(c.env.clone().unwrap_or_default(), f("Config.Env")),
            labels: Sourced::new(c.labels.clone(), f("Config.Labels")),
            healthcheck: Sourced::new(c.healthcheck.clone(), f("Config.Healthcheck")),
            exposed_ports: Sourced::new(
                c.exposed_ports
                    .iter()
                    .flatten()
                    .map(|(p, _)| p.clone())
                    .collect(),
                f("Config.ExposedPorts"),
            ),
            entrypoint: Sourced::new(c.entrypoint.clone(), f("Config.Entrypoint")),
            cmd: Sourced::new(c.cmd.clone(), f("Config.Cmd")),
        }),
        history,
        layers: None,
        layers_unread: None,
        origin: Origin::Engine,
        signatures: i.signatures.as_ref(),
    }
}

/// The subject of a scanned image; `engine` fills what the archive lacks
/// (digests the engine knows; pass `Image::default()` when none).
pub fn from_scanned<'a>(s: &'a ImageFacts, engine: &'a Image) -> ImageSubject<'a> {
    let f = |path: &str| format!("image config: {path}");
    let history = history_steps(
        s.history.iter().map(|h| (&h.created_by, h.empty_layer)),
        |k, n, total| {
            format!("image config: history[{k}].created_by (entry {n} of {total}, oldest first)")
        },
    );
    let mut repo_tags = s.repo_tags.clone();
    for t in &engine.repo_tags {
        if !repo_tags.contains(t) {
            repo_tags.push(t.clone());
        }
    }
    ImageSubject {
        subject: scanned_subject(s),
        reference: s.display_name().to_string(),
        id: s.id.clone(),
        repo_tags,
        repo_digests: engine.repo_digests.clone(),
        created: Sourced::new(s.created.clone(), f("created")),
        config: s.config.as_ref().map(|c| ConfigView {
            user: Sourced::new(c.user.clone(), f("config.User")),
            env: Sourced::new(c.env.clone(), f("config.Env")),
            labels: Sourced::new(c.labels.clone(), f("config.Labels")),
            healthcheck: Sourced::new(c.healthcheck.clone(), f("config.Healthcheck")),
            exposed_ports: Sourced::new(
                c.exposed_ports.keys().cloned().collect(),
                f("config.ExposedPorts"),
            ),
            entrypoint: Sourced::new(c.entrypoint.clone(), f("config.Entrypoint")),
            cmd: Sourced::new(c.cmd.clone(), f("config.Cmd")),
        }),
        history,
        layers: Some(s),
        layers_unread: None,
        origin: Origin::Scanned,
        signatures: s.signatures.as_ref().or(engine.signatures.as_ref()),
    }
}

/// The subject for a finding on a scanned image.
pub fn scanned_subject(i: &ImageFacts) -> Subject {
    let name = i.display_name().to_string();
    let id = i.id.strip_prefix("sha256:").unwrap_or(&i.id);
    Subject {
        role: Some(format!(
            "image:{}",
            crate::facts::engine::image_repository(&name)
        )),
        id: (!id.is_empty()).then(|| id.chars().take(12).collect()),
        ..Subject::new("image", name)
    }
}

/// What a recorded build time says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildDate {
    Known(chrono::DateTime<chrono::Utc>),
    /// Before 1980: the zero of a reproducible build (SOURCE_DATE_EPOCH=0,
    /// 1970-01-01) or Go's zero time (0001-01-01). Not a real build date.
    Placeholder,
    /// Empty or not RFC 3339.
    Unreadable,
}

/// Reads a recorded build time (image Created / config created).
pub fn build_date(created: &str) -> BuildDate {
    match chrono::DateTime::parse_from_rfc3339(created.trim()) {
        // 1980-01-01T00:00:00Z: nothing was built with an OCI tool earlier.
        Ok(t) if t.timestamp() < 315_532_800 => BuildDate::Placeholder,
        Ok(t) => BuildDate::Known(t.with_timezone(&chrono::Utc)),
        Err(_) => BuildDate::Unreadable,
    }
}

/// The build time of an engine image, unless unreadable or a placeholder.
pub fn created(i: &Image) -> Option<chrono::DateTime<chrono::Utc>> {
    match build_date(&i.created) {
        BuildDate::Known(t) => Some(t),
        _ => None,
    }
}

/// A day, for messages.
pub fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The subject for an image finding.
pub fn image_subject(i: &Image) -> Subject {
    let id = i.id.strip_prefix("sha256:").unwrap_or(&i.id);
    let name = i.display_name();
    Subject {
        role: Some(format!(
            "image:{}",
            crate::facts::engine::image_repository(&name)
        )),
        id: Some(id[..id.len().min(12)].to_string()),
        ..Subject::new("image", name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::engine::HistoryEntry;
    use crate::facts::image::{ImageConfig, ImageHistory};
    use crate::facts::Source;

    #[test]
    fn an_image_the_scan_could_not_read_is_not_judged_with_the_reason() {
        let img = |id: &str, tag: &str| Image {
            id: id.into(),
            repo_tags: vec![tag.into()],
            ..Default::default()
        };
        let mut facts = Facts::new();
        facts.images = Source::Present(vec![img("sha256:aaa", "a:1"), img("sha256:bbb", "b:1")]);
        facts.scanned_images = Source::Present(vec![ImageFacts {
            id: "sha256:aaa".into(),
            reference: "a:1".into(),
            source: "engine".into(),
            repo_tags: vec!["a:1".into()],
            ..Default::default()
        }]);
        facts.image_scan_errors.insert(
            "sha256:bbb".into(),
            "image b:1: not read: export timed out".into(),
        );
        let all = subjects(&facts);
        assert_eq!(all.len(), 2);
        assert!(all[0].layers_or_why().is_ok());
        let why = all[1].layers_or_why().unwrap_err();
        assert!(why.contains("export timed out"), "{why}");
        // Through a layer rule: judged on a, not judged on b with why.
        let cfg = crate::checks::AuditConfig::default();
        let out = crate::checks::run(
            crate::checks::find("IMG-003").unwrap(),
            &crate::checks::Ctx::new(&facts, &cfg),
        );
        let obs = format!("{out:?}");
        assert!(
            obs.contains("not judged: layers not read: image b:1"),
            "{obs}"
        );
        // Without a scan, the reason says how to read layers.
        facts.scanned_images = Source::unavailable("not collected");
        facts.image_scan_errors.clear();
        assert_eq!(
            subjects(&facts)[1].layers_or_why().unwrap_err(),
            LAYERS_NOT_READ
        );
    }

    fn engine(id: &str, tag: &str) -> Image {
        let mut i = Image {
            id: id.into(),
            repo_tags: vec![tag.into()],
            // Newest first, as the engine lists it.
            history: vec![
                HistoryEntry {
                    created_by: "USER app".into(),
                    size: Some(0),
                    ..Default::default()
                },
                HistoryEntry {
                    created_by: "/bin/sh -c #(nop) ADD file:abc in / ".into(),
                    size: Some(10),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        i.config.user = "app".into();
        i
    }

    fn scanned(id: &str, tag: &str, source: &str) -> ImageFacts {
        ImageFacts {
            reference: tag.into(),
            id: id.into(),
            repo_tags: vec![tag.into()],
            source: source.into(),
            config: Some(ImageConfig {
                user: "app".into(),
                ..Default::default()
            }),
            history: vec![
                ImageHistory {
                    created_by: "/bin/sh -c #(nop) ADD file:abc in / ".into(),
                    ..Default::default()
                },
                ImageHistory {
                    created_by: "USER app".into(),
                    empty_layer: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn both_models_give_the_same_view() {
        let e = engine("sha256:aaaa", "x:1");
        let s = scanned("sha256:aaaa", "x:1", "docker-archive");
        let none = Image::default();
        let (a, b) = (from_engine(&e), from_scanned(&s, &none));
        assert_eq!(a.subject, b.subject);
        let steps = |v: &ImageSubject| -> Vec<(usize, String, bool)> {
            v.history
                .iter()
                .map(|h| (h.entry, h.created_by.clone(), h.empty_layer))
                .collect()
        };
        assert_eq!(steps(&a), steps(&b));
        assert_eq!(a.history[1].instruction.as_ref().unwrap().keyword, "USER");
        let (ca, cb) = (a.config.unwrap(), b.config.unwrap());
        assert_eq!(ca.user.value, cb.user.value);
        assert_eq!(ca.user.source, "engine: image inspect Config.User");
        assert_eq!(cb.user.source, "image config: config.User");
        assert!(a.layers.is_none() && b.layers.is_some());
    }

    #[test]
    fn scanned_engine_images_are_audited_once() {
        let mut f = Facts::new();
        f.images = Source::Present(vec![
            engine("sha256:aaaa", "x:1"),
            engine("sha256:bbbb", "y:1"),
            // containerd store: engine id is the manifest digest.
            engine("sha256:manifest", "z:1"),
        ]);
        f.scanned_images = Source::Present(vec![
            scanned("sha256:aaaa", "x:1", "engine"),
            scanned("sha256:config", "z:1", "engine"),
            scanned("sha256:cccc", "w.tar", "docker-archive"),
        ]);
        let all = subjects(&f);
        let names: Vec<(&str, Origin)> = all
            .iter()
            .map(|s| (s.subject.name.as_str(), s.origin))
            .collect();
        assert_eq!(
            names,
            vec![
                ("x:1", Origin::Scanned),
                ("y:1", Origin::Engine),
                ("z:1", Origin::Scanned),
                ("w.tar", Origin::Scanned),
            ]
        );
    }

    #[test]
    fn build_dates() {
        for (c, want) in [
            ("1970-01-01T00:00:00Z", BuildDate::Placeholder),
            ("0001-01-01T00:00:00Z", BuildDate::Placeholder),
            ("1979-12-31T23:59:59Z", BuildDate::Placeholder),
            ("", BuildDate::Unreadable),
            ("yesterday", BuildDate::Unreadable),
        ] {
            assert_eq!(build_date(c), want, "{c}");
        }
        assert!(matches!(
            build_date("2026-11-29T00:06:52.996968319Z"),
            BuildDate::Known(_)
        ));
    }
}
