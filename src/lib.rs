//! Sổ Khuyến công: registry of cơ sở công nghiệp nông thôn, đề án and kinh phí khuyến công for
//! a provincial Trung tâm Khuyến công. Layers look only down: ui and cli → service → store → domain → text (ARCHITECTURE.md).
pub mod assets;
pub mod budget;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod report;
pub mod service;
pub mod store;
pub mod support_log;
pub mod text;
pub mod ui;
