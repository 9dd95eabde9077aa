//! The web page in a real headless Chromium, driven over WebDriver (Debian's
//! `chromium-driver`): sign in as Ana, ask what she owes, pay $10 on the lab bill with the
//! quick-reply buttons, watch the dashboard fall by exactly $10.00, switch to Español.
//! A screenshot is saved under `target/browser/` for a person to look at.
//!
//! Skips loudly when Chromium or chromedriver is missing; `BILLBOT_REQUIRE_TOOLS=1` (set
//! by `.ci/run`) makes it mandatory.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::spawn_app;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium() -> Option<&'static str> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| std::path::Path::new(p).exists())
}

fn tools_present() -> bool {
    let driver = Command::new("chromedriver")
        .arg("--version")
        .output()
        .is_ok();
    let present = driver && chromium().is_some();
    if !present {
        assert!(
            std::env::var("BILLBOT_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "the browser test needs chromium and chromedriver (BILLBOT_REQUIRE_TOOLS=1)"
        );
        eprintln!(
            "SKIPPED: browser test — install Debian's `chromium` and `chromium-driver` to run it"
        );
    }
    present
}

async fn start_driver() -> (Driver, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (Driver(child), url)
}

async fn browser(webdriver: &str) -> Client {
    let profile = tempfile::tempdir().unwrap().keep();
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium().unwrap(),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(webdriver)
        .await
        .expect("WebDriver session")
}

/// Waits until the last element matching `css` contains `needle`; returns its text.
async fn wait_text(c: &Client, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        let found = c.find_all(Locator::Css(css)).await.unwrap_or_default();
        if let Some(e) = found.last() {
            if let Ok(t) = e.text().await {
                if t.contains(needle) {
                    return t;
                }
            }
        }
        if started.elapsed() > Duration::from_secs(30) {
            let body = c
                .find(Locator::Css("body"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap_or_default();
            panic!("no {css} containing {needle:?}; the page says:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Clicks once the element is in view and not covered (the list may still be scrolling).
async fn click(c: &Client, e: &fantoccini::elements::Element) {
    let started = Instant::now();
    loop {
        let arg = serde_json::to_value(e).unwrap();
        let _ = c
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await;
        match e.click().await {
            Ok(()) => return,
            Err(err) if started.elapsed() < Duration::from_secs(10) => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            Err(err) => panic!("could not click: {err}"),
        }
    }
}

async fn send(c: &Client, text: &str) {
    let input = c.find(Locator::Css("#chat-input")).await.unwrap();
    input.send_keys(text).await.unwrap();
    c.find(Locator::Css("#chat-send"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_member_pays_with_quick_replies_in_a_real_browser() {
    if !tools_present() {
        return;
    }
    let app = spawn_app().await;
    let (_driver, webdriver) = start_driver().await;
    let c = browser(&webdriver).await;
    c.goto(&app.base).await.unwrap();

    c.wait()
        .for_element(Locator::Css("#login-email"))
        .await
        .unwrap()
        .send_keys("ana@example.org")
        .await
        .unwrap();
    c.find(Locator::Css("#login-password"))
        .await
        .unwrap()
        .send_keys("demo-ana")
        .await
        .unwrap();
    c.find(Locator::Css("#login-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(&c, "#total-due", "$667.65").await;
    wait_text(&c, "#credits", "$20.00").await;

    send(&c, "what do I owe?").await;
    wait_text(&c, "#messages .msg.bot", "You owe $667.65").await;

    send(&c, "pay $10 on the lab bill").await;
    wait_text(&c, "#messages .msg.bot", "$10.00 on your lab bill").await;
    wait_text(&c, ".quick-reply", "No").await;
    let mut yes = None;
    for b in c.find_all(Locator::Css(".quick-reply")).await.unwrap() {
        if b.text()
            .await
            .unwrap_or_default()
            .contains("Yes, pay $10.00")
        {
            yes = Some(b);
        }
    }
    click(&c, &yes.expect("a \"Yes, pay $10.00\" quick reply")).await;
    wait_text(&c, "#messages .msg.bot", "You paid $10.00").await;
    // The dashboard refreshes after the turn and falls by exactly 10.00.
    wait_text(&c, "#total-due", "$657.65").await;

    c.find(Locator::Css("#lang-es"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(&c, "#messages .msg.bot", "español").await;
    send(&c, "¿cuánto debo?").await;
    let answer = wait_text(&c, "#messages .msg.bot", "$657.65").await;
    assert!(
        answer.contains("Debe") || answer.contains("debe"),
        "not Spanish: {answer}"
    );

    let shot = c.screenshot().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chat.png"), shot).unwrap();
    c.close().await.unwrap();
}
