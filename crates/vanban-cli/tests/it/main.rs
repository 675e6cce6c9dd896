//! The integration tests of vanban-cli, one binary: the `vanban` command run as a user or a
//! script runs it. `cli`: output, exit codes, JSON; `templates`: every shipped template;
//! `directory`: the directory's reusable parts; `certify`: copies of an issued plan and their register; `store`: the workflow commands, concurrent
//! clerks, migration; `signing` and `pdf`: digital signatures from the command line; `read`:
//! `vanban read`, and our own DOCX and PDF exports of every fixture read back; `tasks`: an
//! issued plan followed until the report back; `edxml`: the national exchange package of the
//! issued Long An plan, its recipients' status messages, hostile packages; `send`: the plan sent
//! by e-mail through the SMTP test server.

mod support;

mod certify;
mod cli;
mod directory;
mod edxml;
mod pdf;
mod read;
mod send;
mod signing;
mod store;
mod tasks;
mod templates;
