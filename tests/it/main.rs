//! billbot's integration tests: one test binary for the whole project.

mod nlu;

/// The crate root, where `intents/` and `tests/data/` live.
pub fn repo_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}
