//! The integration tests of vanban-app, one binary: finding the decree's typeface on the
//! system (`typeface`); the lifecycle of documents on both stores — workflow, register,
//! signatures, audit chain (`workflow`); saves and issues surviving SIGKILL (`crash`, its long
//! run ignored unless asked for).

mod crash;
mod typeface;
mod workflow;
