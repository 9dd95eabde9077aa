//! Language understanding: `intents/` data → parser → intent + slots (pure, no I/O).
