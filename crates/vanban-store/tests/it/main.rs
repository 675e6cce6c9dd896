//! The integration tests of vanban-store, one binary: the store's guarantees on each backend
//! (`store`; its long PostgreSQL crash run ignored unless asked for).

mod store;
