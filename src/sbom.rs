//! SBOM writers over the image facts: CycloneDX 1.5 JSON and SPDX 2.3 JSON,
//! with package URLs. Pure: the caller writes the document.

use serde_json::{json, Value};

use crate::facts::image::{ImageFacts, Package};

use crate::parse::percent_encode as enc;

/// The package URL of a package (purl spec).
pub fn purl(p: &Package, image: &ImageFacts) -> String {
    let os = image.os_release.as_ref();
    let distro_id = os.map(|o| o.id.as_str()).filter(|s| !s.is_empty());
    let mut quals: Vec<(String, String)> = Vec::new();
    let (ty, ns, name): (&str, Option<String>, String) = match p.kind.as_str() {
        "deb" | "rpm" | "apk" => {
            if let Some(a) = &p.arch {
                quals.push(("arch".into(), a.clone()));
            }
            if let Some(o) = os {
                if !o.id.is_empty() {
                    let d = if o.version_id.is_empty() {
                        o.id.clone()
                    } else {
                        format!("{}-{}", o.id, o.version_id)
                    };
                    quals.push(("distro".into(), d));
                }
            }
            let default_ns = match p.kind.as_str() {
                "deb" => "debian",
                "apk" => "alpine",
                _ => "rpm",
            };
            (
                p.kind.as_str(),
                Some(distro_id.unwrap_or(default_ns).to_string()),
                p.name.clone(),
            )
        }
        "pypi" => ("pypi", None, p.name.to_lowercase().replace('_', "-")),
        "npm" => ("npm", p.namespace.clone(), p.name.clone()),
        "golang" => match p.name.rsplit_once('/') {
            Some((ns, n)) => ("golang", Some(ns.to_string()), n.to_string()),
            None => ("golang", None, p.name.clone()),
        },
        "maven" => ("maven", p.namespace.clone(), p.name.clone()),
        other => (other, p.namespace.clone(), p.name.clone()),
    };
    let mut s = format!("pkg:{ty}/");
    if let Some(ns) = ns {
        let segs: Vec<String> = ns.split('/').map(enc).collect();
        s.push_str(&segs.join("/"));
        s.push('/');
    }
    s.push_str(&enc(&name));
    if !p.version.is_empty() {
        s.push('@');
        s.push_str(&enc(&p.version));
    }
    if !quals.is_empty() {
        quals.sort();
        let q: Vec<String> = quals
            .iter()
            .map(|(k, v)| format!("{k}={}", enc(v)))
            .collect();
        s.push('?');
        s.push_str(&q.join("&"));
    }
    s
}

fn image_name(image: &ImageFacts) -> String {
    image.display_name().to_string()
}

/// CycloneDX 1.5 JSON.
pub fn cyclonedx(image: &ImageFacts, timestamp: &str) -> Value {
    let mut components = Vec::new();
    if let Some(o) = &image.os_release {
        components.push(json!({
            "type": "operating-system",
            "bom-ref": "os",
            "name": if o.id.is_empty() { o.name.clone() } else { o.id.clone() },
            "version": o.version_id,
            "description": o.pretty_name,
        }));
    }
    for (i, p) in image.packages.iter().enumerate() {
        let mut c = json!({
            "type": "library",
            "bom-ref": format!("pkg-{i}"),
            "name": p.name,
            "version": p.version,
            "purl": purl(p, image),
        });
        if let Some(ns) = &p.namespace {
            c["group"] = json!(ns);
        }
        if let Some(l) = &p.license {
            c["licenses"] = json!([{"expression": l}]);
        }
        let mut props = vec![
            json!({"name": "dockaudit:package:type", "value": p.kind}),
            json!({"name": "dockaudit:location", "value": p.location}),
            json!({"name": "dockaudit:layer", "value": p.layer.to_string()}),
        ];
        if let Some(s) = &p.source_name {
            props.push(json!({"name": "dockaudit:source:name", "value": s}));
        }
        if let Some(s) = &p.source_version {
            props.push(json!({"name": "dockaudit:source:version", "value": s}));
        }
        c["properties"] = json!(props);
        components.push(c);
    }
    json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {
            "timestamp": timestamp,
            "tools": {"components": [{"type": "application", "name": "dockaudit", "version": env!("CARGO_PKG_VERSION")}]},
            "component": {
                "type": "container",
                "bom-ref": "image",
                "name": image_name(image),
                "version": image.id,
            }
        },
        "components": components,
    })
}

fn spdx_id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// SPDX 2.3 JSON.
pub fn spdx(image: &ImageFacts, created: &str) -> Value {
    let name = image_name(image);
    let mut packages = vec![json!({
        "SPDXID": "SPDXRef-Image",
        "name": name,
        "versionInfo": image.id,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": "CONTAINER",
    })];
    let mut rels = vec![json!({
        "spdxElementId": "SPDXRef-DOCUMENT",
        "relationshipType": "DESCRIBES",
        "relatedSpdxElement": "SPDXRef-Image",
    })];
    if let Some(o) = &image.os_release {
        packages.push(json!({
            "SPDXID": "SPDXRef-OperatingSystem",
            "name": if o.id.is_empty() { o.name.clone() } else { o.id.clone() },
            "versionInfo": o.version_id,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "primaryPackagePurpose": "OPERATING-SYSTEM",
            "comment": o.pretty_name,
        }));
        rels.push(json!({"spdxElementId": "SPDXRef-Image", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-OperatingSystem"}));
    }
    for (i, p) in image.packages.iter().enumerate() {
        let id = format!("SPDXRef-Package-{}-{}-{i}", p.kind, spdx_id(&p.name));
        let mut pk = json!({
            "SPDXID": id,
            "name": p.name,
            "versionInfo": p.version,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "externalRefs": [{
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": purl(p, image),
            }],
            "comment": format!("found in {} (layer {})", p.location, p.layer),
        });
        if let (Some(sn), sv) = (&p.source_name, &p.source_version) {
            pk["sourceInfo"] = json!(format!(
                "built from source package {sn} {}",
                sv.as_deref().unwrap_or("")
            ));
        }
        packages.push(pk);
        rels.push(json!({"spdxElementId": "SPDXRef-Image", "relationshipType": "CONTAINS", "relatedSpdxElement": id}));
    }
    let ns_digest = image.id.trim_start_matches("sha256:");
    json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": name,
        "documentNamespace": format!("https://dockaudit.invalid/spdx/{}-{}", spdx_id(&name), if ns_digest.is_empty() { "rootfs" } else { ns_digest }),
        "creationInfo": {
            "created": created,
            "creators": [format!("Tool: dockaudit-{}", env!("CARGO_PKG_VERSION"))],
        },
        "packages": packages,
        "relationships": rels,
    })
}

/// Marks an SBOM as missing packages, with why (a package database over
/// its bound, or not readable): CycloneDX says so in a composition whose
/// aggregate is `incomplete` and in metadata properties, SPDX in the
/// document's creation comment. An SBOM never looks complete when it is not.
pub fn mark_incomplete(doc: &mut Value, reasons: &[String]) {
    if reasons.is_empty() {
        return;
    }
    if doc.get("bomFormat").is_some() {
        doc["compositions"] = json!([{"aggregate": "incomplete", "assemblies": ["image"]}]);
        let props: Vec<Value> = reasons
            .iter()
            .map(|r| json!({"name": "dockaudit:incomplete", "value": r}))
            .collect();
        doc["metadata"]["properties"] = json!(props);
    } else {
        doc["creationInfo"]["comment"] = json!(format!(
            "Incomplete: packages are missing: {}",
            reasons.join("; ")
        ));
    }
}

/// The CycloneDX rating method of a severity basis (`CVSS:3.1/...`).
fn rating_method(basis: &str) -> (&'static str, Option<&str>) {
    let vector = basis.split_whitespace().next().unwrap_or("");
    if vector.starts_with("CVSS:4.") {
        ("CVSSv4", Some(vector))
    } else if vector.starts_with("CVSS:3.1/") {
        ("CVSSv31", Some(vector))
    } else if vector.starts_with("CVSS:3.") {
        ("CVSSv3", Some(vector))
    } else if vector.starts_with("AV:") || vector.starts_with("CVSS:2.0/") {
        ("CVSSv2", Some(vector))
    } else {
        ("other", None)
    }
}

/// Adds the advisory matches of `target` to a CycloneDX document as its
/// `vulnerabilities`, each pointing at its component, with a VEX analysis:
/// the `[[vex]]` statement that covers it (unexpired on `today`), else
/// `in_triage`.
pub fn cyclonedx_vulnerabilities(
    doc: &mut Value,
    image: &ImageFacts,
    target: &crate::facts::vulns::VulnTarget,
    vex: &[crate::vuln::policy::VexEntry],
    today: chrono::NaiveDate,
) {
    let refs: Vec<(String, &str)> = image
        .packages
        .iter()
        .map(|p| (purl(p, image), p.location.as_str()))
        .collect();
    let mut out = Vec::new();
    for m in &target.matches {
        let bom_ref = refs
            .iter()
            .position(|(u, loc)| *u == m.package.purl && *loc == m.package.location)
            .map(|i| format!("pkg-{i}"))
            .unwrap_or_else(|| "image".to_string());
        let (method, vector) = rating_method(&m.severity_basis);
        let mut rating = json!({"severity": m.severity.as_str(), "method": method});
        if let Some(v) = vector {
            rating["vector"] = json!(v);
        }
        if m.severity_unknown {
            rating["severity"] = json!("unknown");
        }
        let statement = vex
            .iter()
            .find(|e| !e.expired(today) && e.covers(m.ids(), &m.package.name, &m.package.purl));
        let analysis = match statement {
            Some(e) => {
                let mut a = json!({"state": e.status, "detail": e.reason});
                if let Some(j) = &e.justification {
                    a["justification"] = json!(j);
                }
                a
            }
            None => json!({"state": "in_triage"}),
        };
        let mut v = json!({
            "id": m.id,
            "source": {"name": m.source},
            "ratings": [rating],
            "description": m.summary,
            "affects": [{"ref": bom_ref, "versions": [{"version": m.package.version, "status": "affected"}]}],
            "analysis": analysis,
            "properties": [{"name": "dockaudit:range", "value": m.range}],
        });
        if !m.aliases.is_empty() {
            v["references"] = json!(m
                .aliases
                .iter()
                .map(|a| json!({"id": a, "source": {"name": "alias"}}))
                .collect::<Vec<_>>());
        }
        if let Some(f) = &m.fixed {
            v["recommendation"] = json!(format!("upgrade {} to {f}", m.package.name));
        }
        out.push(v);
    }
    doc["vulnerabilities"] = json!(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::image::OsRelease;

    #[test]
    fn purls() {
        let img = ImageFacts {
            os_release: Some(OsRelease {
                id: "debian".into(),
                version_id: "12".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let deb = Package {
            kind: "deb".into(),
            name: "libc6".into(),
            version: "2.36-9+deb12u4".into(),
            arch: Some("amd64".into()),
            ..Default::default()
        };
        assert_eq!(
            purl(&deb, &img),
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"
        );
        let npm = Package {
            kind: "npm".into(),
            name: "core".into(),
            namespace: Some("@babel".into()),
            version: "7.0.0".into(),
            ..Default::default()
        };
        assert_eq!(purl(&npm, &img), "pkg:npm/%40babel/core@7.0.0");
        let go = Package {
            kind: "golang".into(),
            name: "golang.org/x/sys".into(),
            version: "v0.1.0".into(),
            ..Default::default()
        };
        assert_eq!(purl(&go, &img), "pkg:golang/golang.org/x/sys@v0.1.0");
        let py = Package {
            kind: "pypi".into(),
            name: "Typing_Extensions".into(),
            version: "4.0".into(),
            ..Default::default()
        };
        assert_eq!(purl(&py, &img), "pkg:pypi/typing-extensions@4.0");
    }
}
