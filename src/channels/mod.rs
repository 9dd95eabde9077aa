//! Channels: thin adapters between the outside world and the assistant. Each turns what
//! arrives into one [`crate::assistant::Inbound`] and renders the replies for its medium.

pub mod bill_document;
pub mod linking;
pub mod sms;
pub mod telegram;
pub mod web;
