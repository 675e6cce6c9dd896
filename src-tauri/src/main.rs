//! The VănBản desktop application.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    vanban_desktop::run()
}
