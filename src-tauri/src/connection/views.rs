//! The shapes of the start screen: where the database is, and the people to choose from. Each is
//! made from a library type by a `From`, so a change on either side fails to compile rather than
//! drifting.

use serde::Serialize;
use vanban_app::workflow::store::Person;

use crate::error::CommandError;

/// A person who may use the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Titles ("GIÁM ĐỐC").
    pub titles: Vec<String>,
    /// Role codes: drafter, reviewer, signer, registry-clerk, admin (the UI names them, and
    /// decides what to offer by them, never by a label).
    pub roles: Vec<String>,
    /// Their unit's name ("Phòng Chuyển đổi số"), when recorded.
    pub unit: Option<String>,
    /// Whether picking them asks for their PIN.
    pub has_pin: bool,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        PersonView {
            login: p.login.clone(),
            name: p.name.clone(),
            titles: p.titles.clone(),
            roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            unit: p.unit.clone(),
            has_pin: p.has_pin,
        }
    }
}

/// Where the database is, as the start and settings screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    /// The file path or the server address (never with a password), as typed.
    pub database: String,
    /// It is a PostgreSQL server.
    pub server: bool,
    /// The root certificate trusted for the server, when one is set.
    pub root_certificate: Option<String>,
    /// `VANBAN_DB` chose it: it wins over the settings at every start.
    pub from_environment: bool,
    /// Why it is not open, when it is not (the code `db-password-needed` while a server's
    /// password has not been typed).
    pub error: Option<CommandError>,
}

impl From<(crate::state::Place, Option<CommandError>)> for ConnectionView {
    fn from((place, error): (crate::state::Place, Option<CommandError>)) -> Self {
        ConnectionView {
            server: place.connection.is_server(),
            database: place.connection.database,
            root_certificate: place
                .connection
                .root_certificate
                .map(|c| c.display().to_string()),
            from_environment: place.from_environment,
            error,
        }
    }
}
