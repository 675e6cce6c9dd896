//! The integration tests of vanban-cli, one binary: the `vanban` command run as a user or a
//! script runs it. `cli`: output, exit codes, JSON; `templates`: every shipped template;
//! `directory`: the directory's reusable parts; `store`: the workflow commands, concurrent
//! clerks, migration; `signing` and `pdf`: digital signatures from the command line.

mod support;

mod cli;
mod directory;
mod pdf;
mod signing;
mod store;
mod templates;
