//! Rebuilds the binary when an embedded data folder changes (`include_dir!` alone does
//! not notice new or removed files).

fn main() {
    for path in ["intents", "locales", "plan.toml"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
