//! A throwaway SoftHSM2 token for the PKCS#11 tests: a temporary folder with its own
//! `softhsm2.conf`, a token initialised by `softhsm2-util`, keys and certificates written by
//! OpenSC's `pkcs11-tool`. SoftHSM2 reads `SOFTHSM2_CONF` when the module is initialised, once
//! per process, so a test that signs in-process runs again in a child process of the test
//! binary whose environment names its token ([`in_token_process`]); the CLI tests give it to
//! the `vanban` process they start. With `CI=true` a missing SoftHSM2 fails the test; elsewhere
//! the test is skipped with a notice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The label the test token is initialised with.
pub const TOKEN: &str = "vanban-test";
/// The test token's user PIN.
pub const PIN: &str = "1234";
const SO_PIN: &str = "5678";

const CHILD_DIR: &str = "VANBAN_TEST_TOKEN_DIR";
const CHILD_MODULE: &str = "VANBAN_TEST_TOKEN_MODULE";

const MODULE_PATHS: [&str; 2] = [
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
];

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn tool_present(name: &str) -> bool {
    Command::new(name)
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.code().is_some())
}

/// The SoftHSM2 module, when SoftHSM2 and OpenSC's tools are installed. Without them: on CI a
/// failure (the PKCS#11 tests must run there), elsewhere `None` with a notice on stderr.
pub fn softhsm_module(test: &str) -> Option<PathBuf> {
    let module = MODULE_PATHS.iter().map(PathBuf::from).find(|p| p.is_file());
    match module {
        Some(m) if tool_present("softhsm2-util") && tool_present("pkcs11-tool") => Some(m),
        _ if on_ci() => panic!(
            "{test}: SoftHSM2 or pkcs11-tool is not installed; on CI the PKCS#11 tests must run \
             (./x installs the softhsm2 and opensc packages)"
        ),
        _ => {
            eprintln!(
                "note: {test}: PKCS#11 part skipped: SoftHSM2 or pkcs11-tool is not installed \
                 (apt-get install softhsm2 opensc; ./x does it)"
            );
            None
        }
    }
}

/// A token being prepared: its folder (which also holds the files the test reads later) and
/// the module that serves it.
pub struct TokenSetup {
    dir: tempfile::TempDir,
    module: PathBuf,
}

impl TokenSetup {
    /// A fresh folder with a `softhsm2.conf` and an initialised token labelled [`TOKEN`].
    pub fn new(module: PathBuf) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("tokens")).expect("tokens folder");
        std::fs::write(
            dir.path().join("softhsm2.conf"),
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                dir.path().join("tokens").display()
            ),
        )
        .expect("softhsm2.conf");
        let setup = Self { dir, module };
        setup.tool(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
        );
        setup
    }

    /// Initialises one more token, labelled `label` (with the same PINs), in the next free
    /// slot: two USB tokens plugged in at once.
    pub fn init_another_token(&self, label: &str) {
        self.tool(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                label,
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
        );
    }

    /// The folder of the token and its files.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The `softhsm2.conf` to give a process in `SOFTHSM2_CONF`.
    pub fn conf(&self) -> PathBuf {
        self.dir.path().join("softhsm2.conf")
    }

    /// The module's path.
    pub fn module(&self) -> &Path {
        &self.module
    }

    /// Runs a SoftHSM2 or OpenSC tool on this token; panics with its output when it fails.
    fn tool(&self, program: &str, args: &[&str]) -> Output {
        let out = Command::new(program)
            .args(args)
            .env("SOFTHSM2_CONF", self.conf())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn write_object(&self, kind: &str, id_hex: &str, label: &str, der: &[u8]) {
        let file = self.dir.path().join(format!("object-{kind}-{id_hex}.der"));
        std::fs::write(&file, der).expect("write object");
        let module = self.module.display().to_string();
        let file = file.display().to_string();
        self.tool(
            "pkcs11-tool",
            &[
                "--module",
                &module,
                "--token-label",
                TOKEN,
                "--login",
                "--pin",
                PIN,
                "--write-object",
                &file,
                "--type",
                kind,
                "--id",
                id_hex,
                "--label",
                label,
            ],
        );
        std::fs::remove_file(&file).ok();
    }

    /// Puts a private key (PKCS#8 DER) and its certificate (DER) on the token under the same
    /// `CKA_ID`, as a CA's enrolment does.
    pub fn import_key_and_certificate(
        &self,
        id_hex: &str,
        label: &str,
        key_pkcs8: &[u8],
        cert: &[u8],
    ) {
        self.write_object("privkey", id_hex, label, key_pkcs8);
        self.write_object("cert", id_hex, label, cert);
    }

    /// Puts a certificate alone on the token (a CA's, or one whose key is elsewhere).
    pub fn import_certificate(&self, id_hex: &str, label: &str, cert: &[u8]) {
        self.write_object("cert", id_hex, label, cert);
    }

    /// Keeps a file beside the token for the test to read in its child process.
    pub fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.dir.path().join(name), bytes).expect("write");
    }
}

/// The token as the test sees it in its own process.
pub struct Token {
    dir: PathBuf,
    module: PathBuf,
}

impl Token {
    /// The token whose folder is `dir`, served by `module`.
    pub fn new(dir: PathBuf, module: PathBuf) -> Self {
        Self { dir, module }
    }

    /// The module that serves the token.
    pub fn module(&self) -> &Path {
        &self.module
    }

    /// A file [`TokenSetup::write`] kept.
    pub fn file(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// A folder for the test's own files.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

/// Runs the test named `test` with a fresh token that `setup` fills. The first call (in the
/// test binary's own process) makes the token and runs the test again, alone, in a child
/// process whose `SOFTHSM2_CONF` names it, and checks that it passed there; it returns `None`.
/// In the child it returns the token, and the test goes on. Also `None` when SoftHSM2 is absent
/// off CI.
pub fn in_token_process(test: &str, setup: impl FnOnce(&TokenSetup)) -> Option<Token> {
    if let (Some(dir), Some(module)) = (std::env::var_os(CHILD_DIR), std::env::var_os(CHILD_MODULE))
    {
        return Some(Token {
            dir: dir.into(),
            module: module.into(),
        });
    }
    let module = softhsm_module(test)?;
    let token = TokenSetup::new(module);
    setup(&token);
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("SOFTHSM2_CONF", token.conf())
        .env(CHILD_DIR, token.path())
        .env(CHILD_MODULE, token.module())
        .output()
        .expect("run the test in its token process");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{test}, in its token process:\n{text}"
    );
    assert!(
        text.contains("1 passed"),
        "{test} did not run in its token process:\n{text}"
    );
    // Shown with --nocapture.
    println!("{test}, in its token process:\n{text}");
    None
}
