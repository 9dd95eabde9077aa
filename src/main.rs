//! The `billbot` binary: parse the command line, start telemetry, hand off.

fn main() -> anyhow::Result<()> {
    billbot::cli::run()
}
