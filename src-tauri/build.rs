//! Tauri's build step, with the app's own commands declared: each then needs an `allow-…`
//! permission in `capabilities/`, so the window can call exactly the commands the UI uses.

/// Every command of the feature modules (`src/<feature>.rs`); a test checks this list against
/// those files and the capability.
const COMMANDS: &[&str] = &[
    "database_connection",
    "connect_database",
    "people",
    "choose_person",
    "change_pin",
    "clear_pin",
    "edit_directory",
    "pick_signing_file",
    "list_documents",
    "document_types",
    "create_blank",
    "templates",
    "create_from_file",
    "create_from_template",
    "save_as_template",
    "delete_template",
    "search_library",
    "add_citation",
    "insert_recipient_group",
    "load_document",
    "save_document",
    "check_document",
    "preview_document",
    "preview_first_pages",
    "submit_document",
    "approve_document",
    "return_document",
    "sign_document",
    "discard_document",
    "issue_document",
    "token_list",
    "choose_token_module",
    "export_document",
    "directory",
    "style_profile",
    "save_style",
    "reset_style",
    "parse_references",
    "draft_duties",
    "comment_document",
    "review_changes",
    "search_documents",
    "copy_document",
    "waiting_documents",
    "register_entries",
    "export_register",
    "record_distribution",
    "tracked_tasks",
    "tracked_task",
    "report_task",
    "pick_report_file",
    "assign_follower",
    "task_reminders",
    "draft_plan_report",
    "export_tracking",
    "copy_choices",
    "certify_document",
    "copy_register_entries",
    "export_copy_register",
    "exchange_organs",
    "export_edxml",
    "read_edxml",
    "email_panel",
    "send_email",
];

/// A library of WebKitGTK's (the speech synthesiser's voice, libflite1 on Debian and Ubuntu)
/// whose 31,301 relocations each name one of its own symbols: the dynamic linker looks each up
/// through every library loaded before it, 83 of them in the app, where it comes last (2.6
/// million of the 4.4 million lookups of the app's start). The app is linked with it right
/// after its own libraries, where its lookups end 65 libraries sooner: its start up to GTK's
/// took 109 ms against 127 (`perf stat`, 15 runs each). Its name is given to the app
/// (`VANBAN_LINKED_EARLY`), which starts WebKit's processes with it first (`src/webkit.rs`).
const LINKED_EARLY: &str = "libflite_cmu_time_awb.so.1";

/// Links [`LINKED_EARLY`] into the app when the system's WebKitGTK has it beside it (the same
/// library folder), and only on Linux.
fn link_early() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let Ok(out) = std::process::Command::new("pkg-config")
        .args(["--variable=libdir", "webkit2gtk-4.1"])
        .output()
    else {
        return;
    };
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if out.status.success() && std::path::Path::new(&dir).join(LINKED_EARLY).exists() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--push-state,--no-as-needed,-l:{LINKED_EARLY},--pop-state"
        );
        println!("cargo:rustc-env=VANBAN_LINKED_EARLY={LINKED_EARLY}");
    }
}

fn main() {
    link_early();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
