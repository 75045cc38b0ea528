//! Shared test support: proptest strategies for random, adversarial
//! inventories, and a naive twin of the eligibility rules.
#![allow(dead_code)]

pub mod controller;
pub mod naive;
pub mod strategies;
