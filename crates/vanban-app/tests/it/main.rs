//! The integration tests of vanban-app, one binary: finding the decree's typeface on the
//! system (`typeface`). The workflow's and the crash tests (`tests/workflow.rs`,
//! `tests/crash.rs`) are still their own binaries while the store under them is rewritten.

mod typeface;
