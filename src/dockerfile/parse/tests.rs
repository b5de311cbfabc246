use super::*;

fn p(s: &str) -> Dockerfile {
    parse("Dockerfile", s.as_bytes())
}

fn kw(df: &Dockerfile) -> Vec<(&str, u32, u32)> {
    df.instructions
        .iter()
        .map(|i| (i.keyword.as_str(), i.line, i.end_line))
        .collect()
}

#[test]
fn simple_file_with_spans() {
    let df = p(
        "FROM alpine:3.19\n\n# comment\nRUN apk add --no-cache curl \\\n    git\nCMD [\"sh\"]\n",
    );
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(kw(&df), [("FROM", 1, 1), ("RUN", 4, 5), ("CMD", 6, 6)]);
    assert_eq!(df.instructions[1].args, "apk add --no-cache curl     git");
    assert_eq!(
        df.instructions[2].exec.as_deref(),
        Some(&["sh".to_string()][..])
    );
    assert_eq!(df.lines, 6);
}

#[test]
fn directives_and_backtick_escape() {
    let df = p("# syntax=docker/dockerfile:1.7\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host `\n  'hello'; `\n  Copy-Item C:\\src\\ C:\\dst\\\nWORKDIR C:\\app\\\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(df.syntax.as_deref(), Some("docker/dockerfile:1.7"));
    assert_eq!(df.escape, "`");
    assert_eq!(
        kw(&df),
        [
            ("FROM", 3, 3),
            ("SHELL", 4, 4),
            ("RUN", 5, 7),
            ("WORKDIR", 8, 8)
        ]
    );
    let run = &df.instructions[2];
    assert!(!run.posix_shell());
    assert!(run.args.contains("Copy-Item C:\\src\\ C:\\dst\\"));
}

#[test]
fn directive_after_comment_is_a_comment() {
    let df = p("# hello\n# escape=`\nFROM a\nRUN x `\n");
    assert_eq!(df.escape, "\\");
    // An unknown directive is a comment too: the escape stays `\`, so the
    // backtick does not join `USER root` to the line before it.
    let df = p("# foo=bar\n# escape=`\nFROM a\nUSER app `\nUSER root\n");
    assert_eq!(df.escape, "\\");
    let users: Vec<&str> = df
        .instructions
        .iter()
        .filter(|i| i.keyword == "USER")
        .map(|i| i.args.as_str())
        .collect();
    assert_eq!(users, ["app `", "root"]);
    // Known directives in any order are read.
    let df = p("# check=skip=all\n# escape=`\nFROM a\n");
    assert_eq!(df.escape, "`");
}

#[test]
fn comments_and_blank_lines_inside_continuation() {
    let df = p("FROM debian:12\nRUN apt-get update \\\n# a comment\n\n    && apt-get install -y \\\n  # indented comment\n      curl\nUSER app\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(kw(&df), [("FROM", 1, 1), ("RUN", 2, 7), ("USER", 8, 8)]);
    assert!(df.instructions[1]
        .args
        .contains("apt-get install -y       curl"));
}

#[test]
fn crlf_and_bom() {
    let df = p("\u{feff}FROM alpine:3.19\r\nRUN echo a \\\r\n  b\r\nUSER 1000\r\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(kw(&df), [("FROM", 1, 1), ("RUN", 2, 3), ("USER", 4, 4)]);
    assert_eq!(df.instructions[0].args, "alpine:3.19");
}

#[test]
fn exec_and_shell_forms() {
    let df = p("FROM a\nCMD [\"node\", \"server.js\"]\nENTRYPOINT node server.js\nRUN [ -f x ] && echo y\n");
    assert!(df.instructions[1].exec.is_some());
    assert!(df.instructions[2].exec.is_none());
    // `[ -f x ] && ...` is not JSON: shell form.
    assert!(df.instructions[3].exec.is_none());
}

#[test]
fn heredocs() {
    let df = p("# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCOPY <<-\"CONF\" /etc/app.conf\n\tkey=value\n\tCONF\nRUN <<A cat > /a && <<'B' cat > /b\none\nA\ntwo $HOME\nB\nUSER app\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(
        kw(&df),
        [
            ("FROM", 2, 2),
            ("RUN", 3, 6),
            ("COPY", 7, 9),
            ("RUN", 10, 14),
            ("USER", 15, 15)
        ]
    );
    let run = &df.instructions[1];
    assert_eq!(
        run.heredocs[0].content,
        "apt-get update\napt-get install -y curl\n"
    );
    assert!(run.script().contains("apt-get install -y curl"));
    let copy = &df.instructions[2];
    assert!(copy.heredocs[0].strip_tabs && copy.heredocs[0].quoted);
    assert_eq!(copy.heredocs[0].content, "key=value\n");
    let (src, dest) = copy.copy_paths().unwrap();
    assert!(src.is_empty());
    assert_eq!(dest, "/etc/app.conf");
    let two = &df.instructions[3];
    assert_eq!(two.heredocs.len(), 2);
    assert_eq!(two.heredocs[1].content, "two $HOME\n");
    assert!(two.heredocs[1].quoted);
}

#[test]
fn unclosed_heredoc_is_an_error_and_the_rest_parses() {
    let df = p("FROM a\nRUN <<EOF\necho hi\nUSER app\n");
    assert_eq!(df.errors.len(), 2, "{:?}", df.errors);
    assert!(df
        .errors
        .iter()
        .any(|e| e.line == 2 && e.message.contains("never closed")));
    assert!(df.instructions.iter().any(|i| i.keyword == "USER"));
}

#[test]
fn shift_operator_is_not_a_heredoc() {
    let df = p("FROM a\nRUN echo $((1<<2)) && cat <<< hi\nUSER app\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert!(df.instructions[1].heredocs.is_empty());
}

#[test]
fn stages_args_and_from_substitution() {
    let df = p("ARG BASE=python\nARG VERSION\nARG TAG=${VERSION:-3.12}-slim\nFROM ${BASE}:${TAG} AS Build\nARG VERSION\nRUN echo $VERSION\nFROM --platform=$BUILDPLATFORM build AS test\nFROM $BASE:$VERSION\nCOPY --from=build /a /b\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(df.stages.len(), 3);
    assert_eq!(df.stages[0].name.as_deref(), Some("build"));
    assert_eq!(df.stages[0].image.as_deref(), Some("python:3.12-slim"));
    assert_eq!(df.stages[1].from_stage, Some(0));
    assert_eq!(df.stages[1].platform.as_deref(), Some("$BUILDPLATFORM"));
    assert_eq!(df.stages[2].image, None, "VERSION has no default");
    assert_eq!(df.stages[2].line, 8);
    assert_eq!(df.stage_by_ref("Build"), Some(0));
    assert_eq!(df.stage_by_ref("1"), Some(1));
    assert_eq!(df.ancestry(1), [1, 0]);
    assert_eq!(df.instructions[4].stage, Some(0));
}

#[test]
fn expansion_forms() {
    let vars = |n: &str| match n {
        "A" => Some("a".to_string()),
        "E" => Some(String::new()),
        _ => None,
    };
    assert_eq!(expand_vars("$A-${A}", &vars).as_deref(), Some("a-a"));
    assert_eq!(expand_vars("${E:-x}${E-y}", &vars).as_deref(), Some("x"));
    assert_eq!(
        expand_vars("${A:+alt}${U:+no}", &vars).as_deref(),
        Some("alt")
    );
    assert_eq!(expand_vars("${U:-${A}b}", &vars).as_deref(), Some("ab"));
    assert_eq!(expand_vars("$U", &vars), None);
    assert_eq!(expand_vars("cost \\$5", &vars).as_deref(), Some("cost $5"));
}

#[test]
fn buildkit_flags() {
    let df = p("FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none --security=insecure pip install x\nCOPY --chmod=755 --chown=app:app --link --from=a /x /y\nADD --checksum=sha256:abc https://x/y.tgz /y\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    let run = &df.instructions[1];
    assert_eq!(
        run.flag_value("mount"),
        Some("type=cache,target=/root/.cache")
    );
    assert_eq!(run.flag_value("network"), Some("none"));
    assert_eq!(run.args, "pip install x");
    let copy = &df.instructions[2];
    assert_eq!(copy.flag_value("chmod"), Some("755"));
    assert!(copy.flag("link").is_some());
    assert_eq!(
        copy.copy_paths().unwrap(),
        (vec!["/x".to_string()], "/y".to_string())
    );
    assert_eq!(
        df.instructions[3].flag_value("checksum"),
        Some("sha256:abc")
    );
}

#[test]
fn onbuild_and_maintainer() {
    let df = p("FROM a\nMAINTAINER Jane <j@x>\nONBUILD COPY . /app\nONBUILD RUN make\nonbuild onbuild run x\n");
    assert_eq!(df.instructions[1].keyword, "MAINTAINER");
    assert_eq!(df.instructions[2].onbuild.as_ref().unwrap().keyword, "COPY");
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].line, 5);
}

#[test]
fn onbuild_heredoc_bodies_belong_to_the_trigger() {
    let df = p("FROM a\nONBUILD RUN <<EOF\ncurl -fsSL https://x | sh\nEOF\nUSER app\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(kw(&df), [("FROM", 1, 1), ("ONBUILD", 2, 2), ("USER", 5, 5)]);
    let t = df.instructions[1].onbuild.as_ref().unwrap();
    assert!(
        t.script().contains("curl -fsSL https://x | sh"),
        "{}",
        t.script()
    );
}

#[test]
fn unknown_instruction_recovers() {
    let df = p("FROM a\nRUNN echo\n  continues here\nRUN ok\nfoo=bar\nUSER app\n");
    assert_eq!(
        df.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        [2, 3, 5]
    );
    assert_eq!(kw(&df), [("FROM", 1, 1), ("RUN", 4, 4), ("USER", 6, 6)]);
}

#[test]
fn instruction_before_from() {
    let df = p("RUN x\nFROM a\n");
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].line, 1);
}

#[test]
fn bad_input_is_bounded() {
    let df = parse("bin", b"FROM a\n\x00\x01\x02");
    assert_eq!(df.errors[0].line, 2);
    assert!(df.instructions.is_empty());
    let df = parse("empty", b"");
    assert!(df.errors[0].message.contains("no instructions"));
    let df = parse("comments", b"# only a comment\n\n");
    assert_eq!(df.errors.len(), 1);
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    let df = parse("big", &big);
    assert!(df.errors[0].message.contains("limit"));
    let df = parse("latin1", b"FROM a\n# caf\xe9\nRUN x\n");
    assert!(df.errors.is_empty());
}

#[test]
fn ten_megabytes_parse_in_linear_time() {
    let mut s = String::from("FROM alpine:3.19\n");
    let line = "RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\\n";
    while s.len() < 10 * 1024 * 1024 {
        s.push_str(line);
        s.push_str("  && echo b\n");
    }
    let t = std::time::Instant::now();
    let df = p(&s);
    assert!(df.errors.is_empty());
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    // One long continued line too.
    let mut s = String::from("FROM a\nRUN x");
    for _ in 0..200_000 {
        s.push_str(" \\\n  y");
    }
    let df = p(&s);
    assert_eq!(df.instructions[1].end_line, 200_002);
}

#[test]
fn env_and_arg_pairs() {
    let kv = key_values("A=1 B=\"two words\" C", '\\', true);
    assert_eq!(
        kv,
        [
            ("A".to_string(), Some("1".to_string())),
            ("B".to_string(), Some("two words".to_string())),
            ("C".to_string(), None)
        ]
    );
    let kv = key_values("NAME some value here", '\\', true);
    assert_eq!(
        kv,
        [("NAME".to_string(), Some("some value here".to_string()))]
    );
}

#[test]
fn suppressions() {
    let df = p("# dockaudit ignore=DF-015 no healthcheck for a batch job\n\nFROM a\n# dockaudit ignore=DF-004,df-003\nFROM b:latest AS x\n# dockaudit ignore-file=DF-020 legacy\nRUN cd /x\n");
    assert_eq!(df.suppressions.len(), 3);
    let s0 = &df.suppressions[0];
    assert!(s0.whole_file);
    assert_eq!(s0.reason.as_deref(), Some("no healthcheck for a batch job"));
    let s1 = &df.suppressions[1];
    assert_eq!(s1.ids, ["DF-004", "DF-003"]);
    assert_eq!(s1.reason, None);
    assert_eq!((s1.start_line, s1.end_line), (5, 5));
    assert!(df.suppressions[2].whole_file);
}

#[test]
fn image_refs() {
    use crate::dockerfile::ImageRef;
    let r = ImageRef::parse("registry:5000/team/app:1.2@sha256:abcd");
    assert_eq!(r.name, "registry:5000/team/app");
    assert_eq!(r.tag.as_deref(), Some("1.2"));
    assert_eq!(r.digest.as_deref(), Some("sha256:abcd"));
    let r = ImageRef::parse("registry:5000/app");
    assert_eq!(r.tag, None);
}

#[test]
fn heredoc_bodies_fed_to_other_programs_are_data() {
    let df = p("FROM a\nRUN <<A cat > /x\ncurl x | sh\nA\nRUN bash <<B\napt-get update\nB\nRUN <<C python3\nprint(1)\nC\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert!(!df.instructions[1].script().contains("curl"));
    assert!(df.instructions[2].script().contains("apt-get update"));
    // `RUN <<C python3`: the body is python3's input, not shell.
    assert!(!df.instructions[3].script().contains("print(1)"));
    let df = p("FROM a\nRUN <<EOF\ncurl x | sh\nEOF\nRUN <<EOT bash\nwget y\nEOT\n");
    assert!(df.instructions[1].script().contains("curl"));
    assert!(df.instructions[2].script().contains("wget"));
    // A body piped into a shell is script; piped elsewhere, data.
    let df = p("FROM a\nRUN cat <<EOF | sh\ncurl x | bash\nEOF\nRUN cat <<EOF | tee /x\nwget y\nEOF\nRUN cat <<EOF || true\nwget z\nEOF\n");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert!(df.instructions[1].script().contains("curl x | bash"));
    assert!(!df.instructions[2].script().contains("wget"));
    assert!(!df.instructions[3].script().contains("wget"));
}

#[test]
fn hadolint_and_checkov_comments() {
    let df = p("# checkov:skip=CKV_DOCKER_2: batch job\nFROM a\n# hadolint ignore=DL3008,dl3015\nRUN apt-get install x\n# hadolint ignore=DL3009\n\nRUN y\n# hadolint global ignore=DL3059\n");
    let s: Vec<_> = df
        .suppressions
        .iter()
        .map(|s| {
            (
                s.tool.as_deref(),
                s.ids.join(","),
                s.reason.clone().unwrap_or_default(),
                s.whole_file,
                s.start_line,
            )
        })
        .collect();
    assert_eq!(
        s,
        [
            (
                Some("checkov"),
                "CKV_DOCKER_2".into(),
                "batch job".into(),
                true,
                0
            ),
            (
                Some("hadolint"),
                "DL3008,DL3015".into(),
                "hadolint ignore comment".into(),
                false,
                4
            ),
            (
                Some("hadolint"),
                "DL3059".into(),
                "hadolint ignore comment".into(),
                true,
                0
            ),
        ]
    );
}
