//! Templates and the organisation from the database, for `vanban new --template`,
//! `vanban templates` and `vanban save-template --name`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use vanban_app::templates::Organisation;
use vanban_app::workflow::TemplateEntry;

use super::{Context, login, now, open, read_document, stamp};
use crate::error::CliResult;

/// The organisation of `--as USER` (given on the command line) for a new document from a
/// template, read from the database; `None` without `--as`.
pub fn organisation(ctx: &Context, unit: Option<String>) -> CliResult<Option<Organisation>> {
    let Some(login) = &ctx.user else {
        return Ok(None);
    };
    let wf = open(ctx)?;
    let today = now()?.date_naive();
    Ok(Some(wf.organisation(login, today, unit)?))
}

/// The templates to list: the shipped ones, and with `--as USER` (or `VANBAN_USER`) also the
/// organisation's own from the database.
pub fn templates(ctx: &Context) -> CliResult<Vec<TemplateEntry>> {
    let Some(login) = login(ctx) else {
        return Ok(TemplateEntry::shipped());
    };
    Ok(open(ctx)?.templates(&login)?)
}

/// The document of an organisation's template named `name`, for `--as USER`'s body; `None`
/// without a user.
pub fn organisation_template(
    ctx: &Context,
    name: &str,
) -> CliResult<Option<vanban_core::Document>> {
    let Some(login) = login(ctx) else {
        return Ok(None);
    };
    Ok(Some(open(ctx)?.template_document(&login, name)?))
}

/// Keeps a document — a stored one by id, or a file — as a template of the acting person's
/// body in the database.
pub fn save_template(ctx: &Context, source: &str, name: &str, out: &mut impl Write) -> CliResult {
    let stamp = stamp(ctx)?;
    let mut wf = open(ctx)?;
    let saved = match source.parse::<i64>() {
        Ok(id) => wf.save_document_as_template(&stamp, id, name)?,
        Err(_) => {
            let doc = read_document(Path::new(source))?;
            wf.save_template(&stamp, name, &doc)?
        }
    };
    writeln!(out, "đã lưu mẫu “{}”: {}", saved.name, saved.title)?;
    Ok(ExitCode::SUCCESS)
}
