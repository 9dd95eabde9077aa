//! The built binary, as a newcomer runs it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::TODAY;

fn billbot() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_billbot"));
    cmd.env("BILLBOT_TODAY", TODAY).env("RUST_LOG", "warn");
    cmd
}

#[tokio::test]
async fn serve_on_a_fresh_database_then_account_shows_the_demo_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let mut server = billbot()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("BILLBOT_DB", &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = server.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .trim()
        .strip_prefix("billbot listening on ")
        .expect(&line)
        .to_owned();

    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);

    let out = billbot()
        .args(["account", "11000001", "--json"])
        .env("BILLBOT_DB", &db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["mrn"], "11000001");
    assert_eq!(a["name"], "Ana García");
    assert_eq!(a["region"], "northern_california");
    assert_eq!(a["coverage"], "individual_exchange");
    assert_eq!(a["language"], "en-US");
    assert_eq!(a["total_due"], "667.65");
    assert_eq!(a["credits"], "20.00");
    let mut balances: Vec<(String, String, String)> = a["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_owned(),
                b["kind"].as_str().unwrap().to_owned(),
                b["balance"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    balances.sort();
    assert_eq!(
        balances,
        vec![
            ("M-1002".into(), "medical".into(), "45.00".into()),
            ("M-1003".into(), "medical".into(), "230.15".into()),
            ("P-1001".into(), "premium".into(), "412.50".into()),
        ]
    );
    let premium = a["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "P-1001")
        .unwrap();
    assert_eq!(premium["due_date"], "2026-11-30");
    let methods = a["methods"].as_array().unwrap();
    assert_eq!(methods.len(), 2);
    assert_eq!(methods[0]["brand"], "Visa");
    assert_eq!(methods[0]["last4"], "4242");
    assert_eq!(methods[0]["default"], true);
    assert_eq!(methods[1]["kind"], "bank");
    assert_eq!(methods[1]["last4"], "6789");
    assert!(a["autopay"].is_null());
    assert_eq!(a["paperless"], false);
    assert_eq!(a["sms_opted_in"], true);
    assert_eq!(a["payments"].as_array().unwrap().len(), 0);

    let out = billbot()
        .args(["account", "11000003", "--json"])
        .env("BILLBOT_DB", &db)
        .output()
        .unwrap();
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(g["autopay"]["frequency"], "monthly_due_date");
    assert_eq!(g["autopay"]["method"], "bank:1111");
    assert_eq!(g["paperless"], true);
    assert_eq!(g["sms_opted_in"], false);
    assert_eq!(g["payments"].as_array().unwrap().len(), 15);
    assert_eq!(g["payments"][0]["amount"], "389.00");
    assert_eq!(g["payments"][0]["status"], "succeeded");

    // Graceful shutdown on SIGTERM.
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "serve exited with {status}");
}

#[test]
fn account_refuses_bad_input_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = billbot()
        .args(["account", "123", "--json"])
        .env("BILLBOT_DB", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("medical record number"));
    let out = billbot()
        .args(["account", "11000001"])
        .env("BILLBOT_DB", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"));
    assert!(!db.exists(), "a read-only command created a database");
}

#[test]
fn a_bad_today_is_refused_at_start_up() {
    let out = billbot()
        .args(["account", "11000001"])
        .env("BILLBOT_TODAY", "2026-02-30")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("BILLBOT_TODAY"));
}
