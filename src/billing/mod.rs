//! Pure billing rules (no I/O).
