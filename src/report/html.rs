//! The HTML report: one self-contained file (inline style and script, no
//! external asset, nothing fetched). Everything is readable without
//! JavaScript; the script only adds filters by status, severity, section and
//! free text, which a URL fragment or query (`#status=fail&severity=high`)
//! also sets on load.
//!
//! Every value is escaped: findings carry strings an attacker controls
//! (container names, labels, file contents).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{CheckResult, Report, Status};
use crate::checks::{Section, Severity, Subject};

/// Escapes a value for element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    e(s).to_string()
}

/// A value escaped as it is written: runs that need no escaping are copied
/// whole, and no string is built per value.
fn e(s: &str) -> Escaped<'_> {
    Escaped(s)
}

struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let with = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[run..i])?;
            f.write_str(with)?;
            run = i + 1;
        }
        f.write_str(&s[run..])
    }
}

const STYLE: &str = r#"
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#111;background:#fff}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .4rem;border-bottom:1px solid #ccc}
h3{font-size:1rem;margin:0}table{border-collapse:collapse}th,td{padding:.15rem .5rem;border-bottom:1px solid #ddd}
td{text-align:right}th{text-align:left}code{background:#f3f3f3;padding:0 .2rem;word-break:break-all}
.c{border:1px solid #ddd;border-left:4px solid #999;margin:.4rem 0;padding:.3rem .6rem}
.c.fail{border-left-color:#c00}.c.warn{border-left-color:#d80}.c.pass{border-left-color:#080}
.c.manual{border-left-color:#06c}.c.error{border-left-color:#909}
.b{display:inline-block;min-width:4.2rem;font-weight:bold}.fail .b{color:#c00}.warn .b{color:#b60}
.pass .b{color:#080}.manual .b{color:#06c}.error .b{color:#909}.m{color:#555;font-size:.9em}
ul{margin:.2rem 0;padding-left:1.2rem}.f small{display:block;color:#444}
.fix{background:#f7f7f2;padding:.2rem .5rem;margin-top:.3rem}.fix p{margin:.2rem 0}
#filters{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #ccc}
#filters label{margin-right:.8rem}[hidden]{display:none!important}
@media print{#filters{display:none!important}body{max-width:none;font-size:11px}.c{break-inside:avoid}
a{color:inherit;text-decoration:none}.fix{background:none}}
"#;

const SCRIPT: &str = r#"
(function(){
var R={info:0,low:1,medium:2,high:3,critical:4},F=document.getElementById('filters');
if(!F)return;F.hidden=false;
var K=['status','severity','section','q'],el={};
K.forEach(function(k){el[k]=F.elements[k];});
function params(){var s=(location.hash||'').replace(/^#/,'');
if(s.indexOf('=')<0)s=(location.search||'').replace(/^\?/,'');
var p={};s.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0){
try{p[decodeURIComponent(kv.slice(0,i))]=decodeURIComponent(kv.slice(i+1).replace(/\+/g,' '));}catch(x){}}});return p;}
function apply(){var st=el.status.value,sv=el.severity.value,se=el.section.value,q=el.q.value.trim().toLowerCase();
var n=0,all=document.querySelectorAll('.c');
for(var i=0;i<all.length;i++){var c=all[i],d=c.dataset,ok=(!st||st.split(',').indexOf(d.status)>=0)
&&(!sv||R[d.severity]>=R[sv])&&(!se||d.section===se)&&(!q||c.textContent.toLowerCase().indexOf(q)>=0);
c.hidden=!ok;if(ok)n++;}
var secs=document.querySelectorAll('.sec');for(i=0;i<secs.length;i++){secs[i].hidden=!secs[i].querySelector('.c:not([hidden])');}
var rs=document.querySelectorAll('.rc');for(i=0;i<rs.length;i++){var r=rs[i].dataset;
rs[i].hidden=!((!st||st.split(',').indexOf('fail')>=0)&&(!sv||R[r.severity]>=R[sv])&&(!se||r.section===se)&&(!q||rs[i].textContent.toLowerCase().indexOf(q)>=0));}
document.getElementById('shown').textContent=n+' of '+all.length+' checks shown';
var h=K.filter(function(k){return el[k].value;}).map(function(k){return k+'='+encodeURIComponent(el[k].value);}).join('&');
if(history.replaceState)history.replaceState(null,'',h?'#'+h:location.pathname+location.search);}
function load(){var p=params();K.forEach(function(k){if(p[k]!==undefined){var v=p[k];
if(el[k].tagName==='SELECT'&&!Array.prototype.some.call(el[k].options,function(o){return o.value===v;})){
var o=document.createElement('option');o.value=v;o.textContent=v;el[k].appendChild(o);}el[k].value=v;}});apply();}
F.addEventListener('input',apply);F.addEventListener('change',apply);
F.addEventListener('submit',function(ev){ev.preventDefault();apply();});
window.addEventListener('hashchange',load);load();
})();
"#;

/// The label of a check, as in the text report, and its CSS class.
fn label(c: &CheckResult) -> (&'static str, &'static str) {
    let l = super::text::label(c);
    let class = match l {
        "PASS" | "INFO" if c.status == Status::Pass => "pass",
        "FAIL" => "fail",
        "WARN" | "INFO" => "warn",
        "MANUAL" => "manual",
        "ERROR" => "error",
        _ => "other",
    };
    (l, class)
}

/// The text report's label, with the subject's version and what holds it.
fn subject_label(s: &Subject) -> String {
    let mut out = super::text::subject_label(s);
    if let Some(v) = &s.version {
        let _ = write!(out, " {v}");
    }
    if let Some(w) = &s.within {
        let _ = write!(out, " in {w}");
    }
    out
}

/// What a role prefix names.
fn role_kind(role: &str) -> &'static str {
    match role.split_once(':').map(|(k, _)| k) {
        Some("compose") => "Compose services",
        Some("service") => "Swarm services",
        Some("k8s") => "Workloads",
        Some("image") => "Image repositories",
        _ => "Other roles",
    }
}

fn effective_severity(c: &CheckResult) -> Severity {
    c.max_severity().unwrap_or(c.severity)
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut h = String::with_capacity(64 * 1024 + report.checks.len() * 512);
    let t = &report.target;
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>dockaudit: {} {}</title><style>{STYLE}</style></head><body>\n",
        e(&t.kind),
        e(&t.name)
    );
    let _ = writeln!(
        h,
        "<header><h1>dockaudit report</h1><p>{} audit of <b id=\"target\">{}</b> at \
<time id=\"generated\">{}</time> <span class=\"m\">dockaudit {}, report schema {}</span></p></header>",
        e(&t.kind),
        e(&t.name),
        e(&report.generated_at),
        e(&report.tool.version),
        e(&report.schema_version)
    );
    let missing: Vec<&super::SourceStatus> =
        report.sources.iter().filter(|s| !s.available).collect();
    if !missing.is_empty() {
        h.push_str("<p>Facts unavailable (their checks are skipped):</p><ul id=\"sources\">");
        for s in missing {
            let _ = write!(
                h,
                "<li><b>{}</b>: {}</li>",
                e(&s.name),
                e(s.reason.as_deref().unwrap_or("unknown"))
            );
        }
        h.push_str("</ul>\n");
    }
    if !report.warnings.is_empty() {
        h.push_str("<p>Warnings:</p><ul id=\"warnings\">");
        for w in &report.warnings {
            let _ = write!(h, "<li>{}</li>", e(w));
        }
        h.push_str("</ul>\n");
    }
    score_table(report, &mut h);
    history(report, &mut h);
    filters(report, &mut h);
    roles(report, &mut h);
    checks(report, &mut h);
    let _ = write!(h, "<script>{SCRIPT}</script>\n</body></html>\n");
    out.write_all(h.as_bytes())
}

/// Line colours of the sections in the history chart.
const SECTION_COLOURS: [&str; 7] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
];

/// The target's history (a run recorded with `--store` whose store holds
/// earlier runs): failing findings per section over the runs as an inline
/// SVG chart and the same numbers as a table (read without the picture and
/// printed), then the findings new and fixed since the last run.
fn history(report: &Report, h: &mut String) {
    let Some(hist) = &report.history else {
        return;
    };
    let sections: Vec<(&str, &str)> = Section::ALL.iter().map(|s| (s.slug(), s.title())).collect();
    let n = hist.points.len();
    let max = hist
        .points
        .iter()
        .flat_map(|p| p.findings.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, ht, left, bottom, top, right) = (640.0, 220.0, 44.0, 28.0, 10.0, 12.0);
    let x = |i: usize| {
        if n < 2 {
            left + (w - left - right) / 2.0
        } else {
            left + (w - left - right) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u64| top + (ht - top - bottom) * (1.0 - v as f64 / max as f64);
    let _ = write!(
        h,
        "<section id=\"history\"><h2>History</h2><p>Failing findings per section over the last {n} \
runs of this target (this run last).</p>\
<svg id=\"history-chart\" role=\"img\" aria-label=\"failing findings per section over {n} runs\" \
viewBox=\"0 0 {w} {ht}\" width=\"{w}\" height=\"{ht}\" xmlns=\"http://www.w3.org/2000/svg\">\
<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{yb}\" stroke=\"#888\"/>\
<line x1=\"{left}\" y1=\"{yb}\" x2=\"{xr}\" y2=\"{yb}\" stroke=\"#888\"/>\
<text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"end\">{max}</text>\
<text x=\"{tx}\" y=\"{yb}\" font-size=\"11\" text-anchor=\"end\">0</text>",
        yb = ht - bottom,
        xr = w - right,
        tx = left - 4.0,
        ty = top + 10.0,
    );
    if let (Some(first), Some(last)) = (hist.points.first(), hist.points.last()) {
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\
<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left,
            ht - 8.0,
            e(first.at.get(..10).unwrap_or(&first.at)),
            w - right,
            ht - 8.0,
            e(last.at.get(..10).unwrap_or(&last.at)),
        );
    }
    for (k, (slug, title)) in sections.iter().enumerate() {
        let colour = SECTION_COLOURS[k % SECTION_COLOURS.len()];
        let pts: Vec<String> = hist
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "{:.1},{:.1}",
                    x(i),
                    y(p.findings.get(*slug).copied().unwrap_or(0))
                )
            })
            .collect();
        let _ = write!(
            h,
            "<polyline data-section=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" \
points=\"{}\"><title>{}</title></polyline>",
            e(slug),
            pts.join(" "),
            e(title)
        );
    }
    h.push_str("</svg>\n<table id=\"history-table\"><thead><tr><th>Run</th>");
    for (k, (_, title)) in sections.iter().enumerate() {
        let _ = write!(
            h,
            "<th><span style=\"color:{}\">&#9632;</span> {}</th>",
            SECTION_COLOURS[k % SECTION_COLOURS.len()],
            e(title)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    for p in &hist.points {
        let label = match p.run {
            Some(id) => format!("#{id} {}", p.at),
            None => format!("this run {}", p.at),
        };
        let _ = write!(h, "<tr><th>{}</th>", e(&label));
        for (slug, _) in &sections {
            let _ = write!(
                h,
                "<td data-section=\"{}\">{}</td>",
                e(slug),
                p.findings.get(*slug).copied().unwrap_or(0)
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");
    for (id, what, list) in [
        ("history-new", "New since", &hist.new),
        ("history-fixed", "Fixed since", &hist.fixed),
    ] {
        let _ = write!(
            h,
            "<h3>{what} run #{} ({}): {}</h3><ul id=\"{id}\">",
            hist.since_run,
            e(&hist.since),
            list.len()
        );
        for f in list {
            let _ = write!(
                h,
                "<li><b>{}</b> [{}] {}: {}</li>",
                e(&f.check_id),
                e(&f.severity),
                e(&f.subject),
                e(&f.message)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn score_table(report: &Report, h: &mut String) {
    h.push_str(
        "<h2>Score</h2><table id=\"score\"><thead><tr><th>Section</th><th>pass</th><th>fail</th>\
<th>manual</th><th>skipped</th><th>n/a</th><th>error</th><th>score</th></tr></thead><tbody>\n",
    );
    let rows = report.summary.table_rows();
    for s in rows {
        let _ = writeln!(
            h,
            "<tr data-section=\"{}\"><th>{}</th><td data-n=\"pass\">{}</td><td data-n=\"fail\">{}</td>\
<td data-n=\"manual\">{}</td><td data-n=\"skipped\">{}</td><td data-n=\"not_applicable\">{}</td>\
<td data-n=\"error\">{}</td><td data-n=\"percent\">{}</td></tr>",
            e(&s.section),
            e(&s.title),
            s.pass,
            s.fail,
            s.manual,
            s.skipped,
            s.not_applicable,
            s.error,
            s.percent_text()
        );
    }
    h.push_str("</tbody></table>\n");
    if !report.summary.findings.is_empty() {
        let parts: Vec<String> = ["critical", "high", "medium", "low", "info"]
            .iter()
            .filter_map(|k| {
                report
                    .summary
                    .findings
                    .get(*k)
                    .map(|n| format!("<span data-severity=\"{k}\">{n}</span> {k}"))
            })
            .collect();
        let _ = writeln!(h, "<p id=\"findings\">Findings: {}</p>", parts.join(", "));
    }
    if report.summary.suppressed > 0 {
        let _ = writeln!(
            h,
            "<p>Suppressed: {} finding(s) accepted with a reason (see the JSON report)</p>",
            report.summary.suppressed
        );
    }
}

fn filters(report: &Report, h: &mut String) {
    // Hidden until the script shows it: without JavaScript the page is the
    // whole report.
    h.push_str(
        "<form id=\"filters\" hidden><label>Status <select name=\"status\"><option value=\"\">all</option>",
    );
    for s in [
        Status::Fail,
        Status::Error,
        Status::Manual,
        Status::Pass,
        Status::Skipped,
        Status::NotApplicable,
    ] {
        let _ = write!(h, "<option>{}</option>", s.as_str());
    }
    h.push_str("<option value=\"fail,error\">fail or error</option></select></label>");
    h.push_str(
        "<label>Severity at least <select name=\"severity\"><option value=\"\">any</option>",
    );
    for s in ["critical", "high", "medium", "low", "info"] {
        let _ = write!(h, "<option>{s}</option>");
    }
    h.push_str(
        "</select></label><label>Section <select name=\"section\"><option value=\"\">all</option>",
    );
    for s in Section::ALL {
        if report.checks.iter().any(|c| c.section == s.slug()) {
            let _ = write!(
                h,
                "<option value=\"{}\">{}</option>",
                s.slug(),
                e(&s.to_string())
            );
        }
    }
    h.push_str(
        "</select></label><label>Text <input name=\"q\" type=\"search\"></label>\
<span id=\"shown\" class=\"m\"></span></form>\n",
    );
}

fn roles(report: &Report, h: &mut String) {
    // role -> check index -> findings counted, subjects (each once, in
    // first-seen order; the set keeps a role of thousands of containers
    // linear).
    type Subjects = (usize, Vec<String>, std::collections::HashSet<String>);
    let mut groups: BTreeMap<&str, BTreeMap<usize, Subjects>> = BTreeMap::new();
    for (i, c) in report.checks.iter().enumerate() {
        for f in &c.findings {
            let Some(role) = f.subject.role.as_deref() else {
                continue;
            };
            let (n, subjects, seen) = groups.entry(role).or_default().entry(i).or_default();
            *n += 1;
            let s = subject_label(&f.subject);
            if seen.insert(s.clone()) {
                subjects.push(s);
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    h.push_str("<section id=\"roles\"><h2>Findings by role</h2>\n");
    // Once per check, not once per role it touches (each is a pass over
    // the check's findings).
    let severity: Vec<Severity> = report.checks.iter().map(effective_severity).collect();
    let mut kind = "";
    for (role, checks) in &groups {
        if role_kind(role) != kind {
            if !kind.is_empty() {
                h.push_str("</ul>\n");
            }
            kind = role_kind(role);
            let _ = write!(h, "<h3>{kind}</h3><ul>");
        }
        let _ = write!(h, "<li data-role=\"{}\"><b>{}</b><ul>", e(role), e(role));
        for (i, (n, subjects, _)) in checks {
            let c = &report.checks[*i];
            let _ = write!(
                h,
                "<li class=\"rc\" data-section=\"{}\" data-severity=\"{}\"><a href=\"#c-{}\">{}</a> {}: {} finding(s) <span class=\"m\">{}</span></li>",
                e(&c.section),
                severity[*i],
                e(&c.id),
                e(&c.id),
                e(&c.title),
                n,
                e(&subjects.join(", "))
            );
        }
        h.push_str("</ul></li>");
    }
    h.push_str("</ul></section>\n");
}

fn checks(report: &Report, h: &mut String) {
    h.push_str("<main id=\"checks\">\n");
    for section in Section::ALL {
        let rows = report.checks_in(section);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            h,
            "<section class=\"sec\" data-section=\"{}\"><h2>{}</h2>",
            section.slug(),
            e(&section.to_string())
        );
        for c in rows {
            check(c, h);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n");
}

fn check(c: &CheckResult, h: &mut String) {
    let (l, class) = label(c);
    let sev = effective_severity(c);
    let _ = write!(
        h,
        "<article class=\"c {class}\" id=\"c-{}\" data-status=\"{}\" data-severity=\"{}\" data-section=\"{}\">\
<h3><span class=\"b\">{l}</span> {} {}</h3><div class=\"m\">",
        e(&c.id),
        c.status.as_str(),
        sev,
        e(&c.section),
        e(&c.id),
        e(&c.title)
    );
    if !c.cis.is_empty() {
        let _ = write!(h, "CIS {} · ", e(&c.cis.join(", ")));
    }
    let mode = match c.mode {
        crate::checks::Mode::Automated => "automated",
        crate::checks::Mode::Manual => "manual",
    };
    let _ = write!(h, "severity {} · {mode}", c.severity);
    if let (Status::Pass | Status::Fail, Some(n)) = (c.status, c.checked) {
        let _ = write!(h, " · {n} judged");
    }
    h.push_str("</div>\n");
    if let Some(r) = &c.reason {
        match c.status {
            Status::Pass => {}
            Status::Manual => {
                let _ = writeln!(
                    h,
                    "<p class=\"reason\"><b>Evidence to request:</b> {}</p>",
                    e(r)
                );
            }
            _ => {
                let _ = writeln!(h, "<p class=\"reason\"><b>Reason:</b> {}</p>", e(r));
            }
        }
    }
    if !c.findings.is_empty() {
        h.push_str("<ul>");
        for f in &c.findings {
            let fs = f.severity.unwrap_or(c.severity);
            let _ = write!(
                h,
                "<li class=\"f\" data-severity=\"{fs}\"><b>{}</b>: {} [{fs}]",
                e(&subject_label(&f.subject)),
                e(&f.message)
            );
            if !f.aliases.is_empty() {
                let _ = write!(h, " ({})", e(&f.aliases.join(", ")));
            }
            let ev = &f.evidence;
            let _ = write!(
                h,
                "<small>observed <code>{}</code> from {}",
                e(&ev.observed),
                e(&ev.source)
            );
            if let Some(loc) = &ev.location {
                let _ = write!(h, " at <code>{}", e(&loc.path));
                if let Some(n) = loc.line {
                    let _ = write!(h, ":{n}");
                    if let Some(col) = loc.column {
                        let _ = write!(h, ":{col}");
                    }
                }
                h.push_str("</code>");
            }
            let _ = write!(h, "; expected <code>{}</code>", e(&ev.expected));
            if let Some(a) = &f.advisory {
                let _ = write!(h, "; advisory {}", e(&a.id));
                if let Some(fixed) = &a.fixed {
                    let _ = write!(h, " fixed in {}", e(fixed));
                }
            }
            h.push_str("</small></li>\n");
        }
        h.push_str("</ul>");
    }
    if !c.observations.is_empty() {
        h.push_str("<ul class=\"obs\">");
        for o in &c.observations {
            let _ = write!(
                h,
                "<li>{}: {} <span class=\"m\">from {}</span></li>",
                e(&subject_label(&o.subject)),
                e(&o.message),
                e(&o.source)
            );
        }
        h.push_str("</ul>");
    }
    if matches!(c.status, Status::Fail | Status::Manual) {
        // The registry's entry only when it is the same check: a report
        // from another version may carry an id since given to another.
        let def = crate::checks::find(&c.id)
            .filter(|d| d.slug == c.slug)
            .or_else(|| crate::checks::find(&c.slug).filter(|d| d.slug == c.slug));
        if let Some(def) = def {
            h.push_str("<div class=\"fix\">");
            if !def.remediation.is_empty() {
                let _ = write!(h, "<p><b>Remediation:</b> {}</p>", e(def.remediation));
            }
            if !def.rationale.is_empty() {
                let _ = write!(h, "<p><b>Rationale:</b> {}</p>", e(def.rationale));
            }
            h.push_str("</div>");
        }
    }
    h.push_str("</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Evidence, Finding, Location, Outcome};

    fn report(checks: Vec<CheckResult>) -> Report {
        Report {
            generated_at: "2026-01-01T00:00:00Z".into(),
            ..crate::report::fixed_report("host", "<img src=x onerror=alert(1)>", checks)
        }
    }

    fn failing(findings: Vec<Finding>) -> CheckResult {
        CheckResult::from_outcome(
            &crate::checks::container::privileged::CHECK,
            Outcome::fail(findings),
        )
    }

    fn render(r: &Report) -> String {
        let mut out = Vec::new();
        write(r, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn attacker_strings_are_escaped() {
        let mut s = Subject::new("container", "\"><script>alert(2)</script>");
        s.role = Some("compose:<b>x</b>".into());
        let f = Finding::new(
            s,
            "<script>alert(1)</script>",
            Evidence::new("src & 'q'", "<svg onload=x>", "</code>").at(Location {
                path: "<p>".into(),
                line: Some(3),
                column: None,
                end_line: None,
                end_column: None,
            }),
        );
        let html = render(&report(vec![failing(vec![f])]));
        // The only script elements are the report's own one.
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(2)"));
        assert!(!html.contains("<svg") && !html.contains("<img") && !html.contains("<b>x</b>"));
        assert!(html.contains("src &amp; &#39;q&#39;"));
        assert!(html.contains("&lt;/code&gt;"));
    }

    #[test]
    fn remediation_comes_from_the_same_check() {
        let ok = failing(vec![]);
        let mut stale = failing(vec![]);
        stale.slug = "some-retired-slug".into();
        let def = &crate::checks::container::privileged::CHECK;
        let html = render(&report(vec![ok]));
        assert!(html.contains(&escape(def.remediation)));
        assert!(html.contains(&escape(def.rationale)));
        let html = render(&report(vec![stale]));
        assert!(!html.contains(&escape(def.remediation)));
    }

    #[test]
    fn no_external_assets() {
        let mut r = report(vec![failing(vec![])]);
        r.target.name = "unix:///run/docker.sock".into();
        let html = render(&r);
        for needle in ["http://", "https://", "src=", "<link", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
    }

    #[test]
    fn ten_thousand_findings_stay_under_five_megabytes() {
        let findings: Vec<Finding> = (0..10_000)
            .map(|i| {
                let mut s = Subject::new("container", format!("service-{i:05}-replica"));
                s.id = Some(format!("{i:012x}"));
                s.role = Some(format!("compose:project/service-{}", i % 50));
                Finding::new(
                    s,
                    format!("runs privileged (HostConfig.Privileged is true) #{i}"),
                    Evidence::new(
                        "engine: container inspect HostConfig.Privileged",
                        "true",
                        "false",
                    )
                    .at(Location {
                        path: format!("deploy/compose-{}.yaml", i % 50),
                        line: Some(i as u32 % 400 + 1),
                        column: Some(5),
                        end_line: None,
                        end_column: None,
                    }),
                )
            })
            .collect();
        let html = render(&report(vec![failing(findings)]));
        assert_eq!(html.matches("<li class=\"f\"").count(), 10_000);
        eprintln!("10,000 findings: {} bytes", html.len());
        assert!(html.len() < 5_000_000, "{} bytes", html.len());
    }
}
