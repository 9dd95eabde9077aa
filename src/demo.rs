//! The demo members of SPEC §8.
