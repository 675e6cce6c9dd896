//! Throwaway databases on the PostgreSQL test server (`VANBAN_TEST_PG`), one per test store,
//! dropped afterwards (feature `scratch`).

use std::sync::atomic::{AtomicUsize, Ordering};

use vanban_store::postgres::ServerSettings;

/// The test server named by `VANBAN_TEST_PG` (its password in `PGPASSWORD`). Without it: on CI
/// (`CI=true`) a failure — the PostgreSQL tests must run there — and elsewhere `None` with a
/// notice on stderr, so the SQLite half of a suite still runs.
pub fn test_server(test: &str) -> Option<ServerSettings> {
    match std::env::var("VANBAN_TEST_PG") {
        Ok(address) if !address.is_empty() => Some(
            ServerSettings::from_environment(&address, None)
                .unwrap_or_else(|e| panic!("VANBAN_TEST_PG: {e}")),
        ),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
            "{test}: VANBAN_TEST_PG is not set; on CI the PostgreSQL tests must run \
             (./x test starts a server)"
        ),
        _ => {
            eprintln!(
                "note: {test}: PostgreSQL part skipped: VANBAN_TEST_PG is not set \
                 (./x test starts a throwaway server)"
            );
            None
        }
    }
}

/// A plain client of a database of the test server (password from `PGPASSWORD`), for what
/// a test does behind the store's back: hold a lock, cut a session, read the server's views.
pub fn client(settings: &ServerSettings) -> postgres::Client {
    let address = format!("{}?sslmode=disable", settings.shown());
    let mut config: postgres::Config = address.parse().expect("address");
    if let Ok(password) = std::env::var("PGPASSWORD") {
        config.password(password);
    }
    config.connect(postgres::NoTls).expect("connect")
}

/// An empty database on the server, dropped when this value is.
#[derive(Debug)]
pub struct ScratchDatabase {
    admin: ServerSettings,
    settings: ServerSettings,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl ScratchDatabase {
    /// Creates an empty database named after the test and this process.
    pub fn new(admin: &ServerSettings, test: &str) -> Result<ScratchDatabase, postgres::Error> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let clean: String = (test.chars())
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(30)
            .collect();
        let name = format!("vb_{clean}_{}_{n}", std::process::id());
        let mut client = client(admin);
        // One statement per call: DROP and CREATE DATABASE refuse to run in a transaction, and
        // several statements in one call make one.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
        client.batch_execute(&format!("CREATE DATABASE {name}"))?;
        Ok(ScratchDatabase {
            admin: admin.clone(),
            settings: admin.with_database(&name),
        })
    }

    /// Where it is.
    pub fn settings(&self) -> &ServerSettings {
        &self.settings
    }

    /// Its address, without password.
    pub fn address(&self) -> &str {
        self.settings.shown()
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let name = self.settings.database();
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = client(&self.admin).batch_execute(&sql);
    }
}
