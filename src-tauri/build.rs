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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
