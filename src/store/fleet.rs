//! `dockaudit fleet`: per host and per role, section scores, the worst
//! findings and the hosts not heard from. Pure over stored records.
