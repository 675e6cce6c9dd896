//! The desktop app started where there is no display (a terminal over SSH, a service): it says
//! so in Vietnamese and exits with 1, never with a panic.

#[cfg(target_os = "linux")]
#[test]
fn without_a_display_the_app_says_why_and_exits_with_1() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban-desktop"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("vanban-no-display"),
        )
        .output()
        .expect("the app starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("không có màn hình"), "{stderr}");
    assert!(stderr.contains("vanban --help"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
