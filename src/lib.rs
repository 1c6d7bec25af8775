//! Sổ Khuyến công: registry of cơ sở công nghiệp nông thôn, đề án and kinh phí khuyến công for
//! a provincial Trung tâm Khuyến công. Layers look only down: ui → store → domain → text.
pub mod assets;
pub mod budget;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod project_check;
pub mod report;
pub mod report_figures;
pub mod report_output;
pub mod service;
pub mod store;
pub mod text;
pub mod ui;
pub mod year_balance;
