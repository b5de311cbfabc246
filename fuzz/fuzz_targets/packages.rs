//! Fuzzes the package-database and metadata parsers.
#![no_main]

use dockaudit::image::packages as p;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = p::parse_dpkg(&text, "/var/lib/dpkg/status");
    let _ = p::parse_dpkg(&text, "/var/lib/dpkg/status.d/x");
    let _ = p::parse_apk(&text, "/lib/apk/db/installed");
    let _ = p::parse_python_metadata(&text, "METADATA");
    let _ = p::parse_package_json(&text, "package.json");
    let _ = p::parse_os_release(&text, "/etc/os-release");
    let _ = p::parse_passwd(&text);
    let _ = p::parse_shadow(&text);
    let _ = p::parse_jar(data, "x.jar");
    let _ = p::parse_elf(data, "/bin/x");
    let _ = p::parse_go_buildinfo(data, "/bin/x");
    let _ = p::parse_rpm_header(data, "/var/lib/rpm/rpmdb.sqlite");
    let _ = p::parse_rpm_sqlite(data, "/var/lib/rpm/rpmdb.sqlite");
});
