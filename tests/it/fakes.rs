//! Outside services, faked inside the test process: an SMTP server that keeps what it
//! receives.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server (no TLS, no auth) on a random port.
pub struct FakeSmtp {
    pub url: String,
    pub messages: Arc<Mutex<Vec<String>>>,
}

impl FakeSmtp {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 fake.smtp ESMTP\r\n").await;
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(body) = data.as_mut() {
                            if line == "." {
                                store.lock().unwrap().push(std::mem::take(body));
                                data = None;
                                let _ = write.write_all(b"250 OK queued\r\n").await;
                            } else {
                                body.push_str(&line);
                                body.push('\n');
                            }
                            continue;
                        }
                        let upper = line.to_ascii_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") {
                            b"250-fake.smtp\r\n250 8BITMIME\r\n"
                        } else if upper.starts_with("DATA") {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        } else if upper.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        FakeSmtp { url, messages }
    }

    /// Waits (up to 20 s) for a message containing `needle`.
    pub async fn wait_for(&self, needle: &str) -> String {
        for _ in 0..200 {
            if let Some(m) = self
                .messages
                .lock()
                .unwrap()
                .iter()
                .find(|m| m.contains(needle))
            {
                return m.clone();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no e-mail containing {needle:?} arrived");
    }
}

/// The six-digit code in a text.
pub fn six_digits(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a six-digit code")
        .to_owned()
}

/// A fake Telegram Bot API: records every method call and answers like Telegram.
pub struct FakeBotApi {
    pub url: String,
    pub calls: Arc<Mutex<Vec<(String, serde_json::Value)>>>,
}

impl FakeBotApi {
    pub async fn start() -> Self {
        use axum::extract::{Path, State};
        use axum::routing::post;
        type Calls = Arc<Mutex<Vec<(String, serde_json::Value)>>>;
        async fn method(
            State(calls): State<Calls>,
            Path((_bot, name)): Path<(String, String)>,
            body: axum::body::Bytes,
        ) -> axum::Json<serde_json::Value> {
            let args: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let result = match name.as_str() {
                "SendMessage" => serde_json::json!({
                    "message_id": calls.lock().unwrap().len() + 100,
                    "date": 1_700_000_000,
                    "chat": { "id": args["chat_id"], "type": "private", "first_name": "Member" },
                    "text": args["text"],
                }),
                "GetMe" => serde_json::json!({
                    "id": 1, "is_bot": true, "first_name": "billbot", "username": "billbot_test_bot",
                    "can_join_groups": false, "can_read_all_group_messages": false,
                    "supports_inline_queries": false, "can_connect_to_business": false,
                    "has_main_web_app": false
                }),
                _ => serde_json::json!(true),
            };
            calls.lock().unwrap().push((name, args));
            axum::Json(serde_json::json!({ "ok": true, "result": result }))
        }
        let calls: Calls = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new()
            .route("/{bot}/{method}", post(method))
            .with_state(calls.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBotApi { url, calls }
    }

    /// The texts sent to a chat so far.
    pub fn sent_to(&self, chat: i64) -> Vec<serde_json::Value> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|(m, a)| m == "SendMessage" && a["chat_id"] == chat)
            .map(|(_, a)| a.clone())
            .collect()
    }

    pub fn count(&self, method: &str) -> usize {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|(m, _)| m == method)
            .count()
    }
}

/// A fake Twilio REST API: records texts; numbers in `unsubscribed` answer error 21610.
pub struct FakeTwilio {
    pub url: String,
    pub sent: Arc<Mutex<Vec<(String, String)>>>,
}

impl FakeTwilio {
    pub async fn start(unsubscribed: &[&str]) -> Self {
        use axum::extract::State;
        use axum::http::StatusCode;
        use axum::routing::post;
        type Shared = (Arc<Mutex<Vec<(String, String)>>>, Arc<Vec<String>>);
        async fn messages(
            State((sent, blocked)): State<Shared>,
            body: axum::body::Bytes,
        ) -> (StatusCode, axum::Json<serde_json::Value>) {
            let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
            let get = |k: &str| {
                form.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let to = get("To");
            if blocked.contains(&to) {
                return (
                    StatusCode::BAD_REQUEST,
                    axum::Json(serde_json::json!({ "code": 21610, "message": "unsubscribed" })),
                );
            }
            sent.lock().unwrap().push((to, get("Body")));
            (
                StatusCode::CREATED,
                axum::Json(serde_json::json!({ "sid": "SM1", "status": "queued" })),
            )
        }
        let sent = Arc::new(Mutex::new(Vec::new()));
        let blocked = Arc::new(
            unsubscribed
                .iter()
                .map(|s| (*s).to_owned())
                .collect::<Vec<_>>(),
        );
        let app = axum::Router::new()
            .route("/2010-04-01/Accounts/{sid}/Messages.json", post(messages))
            .with_state((sent.clone(), blocked));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeTwilio { url, sent }
    }

    pub fn texts_to(&self, to: &str) -> Vec<String> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(t, _)| t == to)
            .map(|(_, b)| b.clone())
            .collect()
    }
}
