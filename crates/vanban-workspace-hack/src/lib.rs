//! No code: see Cargo.toml. The binaries depend on this crate only so that their dependencies
//! are built with the same features as in the test build, and `./x run` after `./x test`
//! reuses the test build instead of compiling the dependency tree again.
