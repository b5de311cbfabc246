//! BASE-105: setuid/setgid binaries removed from images (CIS 4.8). Manual in
//! the host audit: it needs the image's files, which the engine facts do not
//! hold.

use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(_ctx: &Ctx) -> Outcome {
    Outcome::manual(
        "For each image in use, list setuid/setgid files: `docker run --rm --entrypoint \
         find <image> / -xdev -perm /6000 -type f` (or the image audit of dockaudit on the \
         image archive), and ask the image owner to justify each one left.",
    )
}
