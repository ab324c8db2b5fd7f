//! The key audit, free of any view: the rules that find risky keys and the changes that fix them
//! (`rules`), which keys a request would get through (`simulate`), keys and application IDs found
//! in pasted text (`exposure`), and the expiry calendar (`calendar`).

pub mod calendar;
pub mod exposure;
pub mod rules;
pub mod simulate;
