//! A deterministic mutation run over the parser and the Dockerfile checks
//! (the cargo-fuzz target in fuzz/ needs a nightly toolchain; this runs on
//! stable in every `cargo test`): seeds from tests/corpus/dockerfiles,
//! byte flips, splices, truncations and syntax fragments. No input may
//! panic and every span stays inside the file.

use std::fs;
use std::path::Path;

use dockaudit::checks::{self, AuditConfig, Ctx, Scope};
use dockaudit::facts::{Facts, Source};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "\\\n",
    "`\n",
    "<<EOF\n",
    "<<-'X'\n",
    "\nEOF\n",
    "\r\n",
    "\u{feff}",
    "# escape=`\n",
    "# syntax=x\n",
    "${A:-${B:+c}}",
    "$((1<<2))",
    "[\"a\", \"b\"]",
    "[\"unterminated",
    "--mount=type=cache,target=/x ",
    "ONBUILD ",
    "FROM a AS b\n",
    "COPY --from=b ",
    "\0",
    "RUN ",
    "USER 0\n",
    "HEALTHCHECK NONE\n",
    "ARG X=1\n",
    "| sh",
    "&& ",
    "'",
    "\"",
    "\t",
    "\n\n",
    "EXPOSE 22/tcp 99999\n",
    "chmod 777 ",
    "sudo ",
];

fn check(data: &[u8], cfg: &AuditConfig) {
    let df = dockaudit::dockerfile::parse("m", data);
    for i in &df.instructions {
        assert!(
            i.line >= 1 && i.line <= i.end_line && i.end_line <= df.lines.max(1),
            "{data:?}"
        );
    }
    let mut facts = Facts::new();
    facts.dockerfiles = Source::Present(vec![df]);
    let ctx = Ctx::new(&facts, cfg);
    for c in checks::registry()
        .iter()
        .filter(|c| c.scope == Scope::Dockerfile)
    {
        let _ = checks::run(c, &ctx);
    }
}

#[test]
fn mutated_dockerfiles_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dockerfiles");
    let mut seeds: Vec<Vec<u8>> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| fs::read(e.path()).unwrap())
        .collect();
    seeds.sort();
    let cfg = AuditConfig::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut d = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(6) {
            match rng.below(5) {
                0 if !d.is_empty() => {
                    let i = rng.below(d.len());
                    d[i] = rng.next() as u8;
                }
                1 => {
                    let f = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                    let i = rng.below(d.len() + 1);
                    d.splice(i..i, f.iter().copied());
                }
                2 if !d.is_empty() => {
                    let i = rng.below(d.len());
                    d.truncate(i);
                }
                3 if !d.is_empty() => {
                    let a = rng.below(d.len());
                    let b = (a + rng.below(64)).min(d.len());
                    d.drain(a..b);
                }
                _ => {
                    let other = &seeds[rng.below(seeds.len())];
                    let i = rng.below(other.len());
                    let j = rng.below(d.len() + 1);
                    d.splice(j..j, other[i..].iter().copied().take(80));
                }
            }
        }
        check(&d, &cfg);
    }
}
