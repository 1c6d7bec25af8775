//! Tổng quan: the first screen after opening — where the year's money stands, in charts read in
//! triệu đồng: plan vs allocated vs disbursed by source, support by nội dung, disbursement
//! through the year, the areas that received most; and the warnings that need a decision.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoint, PlotPoints, Text};

use crate::budget::SourceBalance;
use crate::domain::funding_source::FundingSource;
use crate::service::year_balance::YearFigures;
use crate::text::number::format_integer;
use crate::ui::budget_panel::BalanceNames;
use crate::ui::establishment_form::{ERROR_COLOR, WARNING_COLOR};
use crate::ui::fonts::bold;

const PLAN: Color32 = Color32::from_rgb(120, 144, 156);
const ALLOCATED: Color32 = Color32::from_rgb(33, 150, 243);
const DISBURSED: Color32 = Color32::from_rgb(76, 175, 80);
const CHART_HEIGHT: f32 = 250.0;
const TOP_AREAS: usize = 10;

/// One series of the by-source chart: its offset within the group, name, colour and figure.
type SourceSeries = (f64, &'static str, Color32, fn(&SourceBalance) -> i64);

fn million(v: i64) -> f64 {
    v as f64 / 1_000_000.0
}

fn fixed_plot(id: &str) -> Plot<'static> {
    Plot::new(id)
        .height(CHART_HEIGHT)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
}

/// A chart with amounts in triệu đồng on the y axis and a legend.
fn chart(id: &str) -> Plot<'static> {
    fixed_plot(id)
        .legend(Legend::default())
        .y_axis_label("triệu đồng")
        .y_axis_formatter(|mark, _| format_integer(mark.value.round() as i64))
}

/// Labels for whole-number positions on an axis.
fn category_axis(
    labels: Vec<String>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    }
}

/// Draws the dashboard for the year's figures.
pub fn dashboard_ui(ui: &mut Ui, year: i32, figures: &YearFigures, names: &BalanceNames) {
    let b = &figures.balance;
    ui.horizontal(|ui| {
        ui.heading(bold(format!("Tổng quan kinh phí khuyến công năm {year}")));
        ui.label(RichText::new("(đơn vị: triệu đồng; Ctrl+3 để xem chi tiết cân đối)").weak());
    });
    ui.horizontal_wrapped(|ui| {
        for s in &b.by_source {
            let color = if s.unallocated < 0 {
                ERROR_COLOR
            } else {
                ui.visuals().strong_text_color()
            };
            ui.vertical(|ui| {
                ui.label(format!(
                    "{}: kế hoạch {} triệu",
                    s.source.label(),
                    format_integer(s.planned / 1_000_000)
                ));
                ui.label(
                    RichText::new(format!(
                        "chưa phân bổ {} triệu",
                        format_integer(s.unallocated / 1_000_000)
                    ))
                    .color(color)
                    .size(17.0),
                );
            });
            ui.add_space(28.0);
        }
    });
    ui.separator();
    ui.columns(2, |cols| {
        cols[0].label(bold("Kế hoạch, phân bổ, giải ngân theo nguồn"));
        let sources: Vec<String> = FundingSource::ALL
            .iter()
            .map(|s| s.label().to_owned())
            .collect();
        let series: [SourceSeries; 3] = [
            (-0.25, "Kế hoạch giao", PLAN, |s| s.planned),
            (0.0, "Đã phân bổ", ALLOCATED, |s| s.allocated),
            (0.25, "Đã giải ngân", DISBURSED, |s| s.disbursed),
        ];
        chart("chart_sources")
            .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
            .x_axis_formatter(category_axis(sources))
            .show(&mut cols[0], |plot| {
                for (offset, name, color, pick) in series {
                    let bars = b
                        .by_source
                        .iter()
                        .enumerate()
                        .map(|(i, s)| Bar::new(i as f64 + offset, million(pick(s))).width(0.24))
                        .collect();
                    plot.bar_chart(BarChart::new(name, bars).color(color));
                }
            });

        cols[1].label(bold("Tiến độ giải ngân lũy kế trong năm"));
        let months: Vec<String> = (0..=12)
            .map(|m| {
                if m == 0 {
                    String::new()
                } else {
                    format!("T{m}")
                }
            })
            .collect();
        chart("chart_progress")
            .x_axis_formatter(category_axis(months))
            .show(&mut cols[1], |plot| {
                let active = figures
                    .progress
                    .iter()
                    .filter(|p| p.months.iter().any(|m| m.planned > 0 || m.cumulative > 0));
                for p in active {
                    let done: Vec<[f64; 2]> = p
                        .months
                        .iter()
                        .filter(|m| m.started)
                        .map(|m| [f64::from(m.month), million(m.cumulative)])
                        .collect();
                    plot.line(
                        Line::new(
                            format!("{} đã giải ngân", p.source.label()),
                            PlotPoints::from(done),
                        )
                        .width(2.0),
                    );
                    let plan: Vec<[f64; 2]> = p
                        .months
                        .iter()
                        .map(|m| [f64::from(m.month), million(m.planned)])
                        .collect();
                    plot.line(
                        Line::new(
                            format!("{} kế hoạch", p.source.label()),
                            PlotPoints::from(plan),
                        )
                        .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
            });

        cols[0].add_space(8.0);
        cols[0].label(bold("Kinh phí hỗ trợ theo nội dung (đã phân bổ)"));
        let contents: Vec<(String, i64)> = b
            .by_content
            .iter()
            .map(|(code, cells)| (names.content(code), cells.iter().map(|c| c.allocated).sum()))
            .filter(|(_, v)| *v > 0)
            .collect();
        horizontal_bars(&mut cols[0], "chart_contents", &contents, ALLOCATED);

        cols[1].add_space(8.0);
        cols[1].label(bold(format!(
            "{TOP_AREAS} địa bàn nhận nhiều kinh phí nhất"
        )));
        let mut areas: Vec<(String, i64)> = b
            .by_commune
            .iter()
            .map(|(code, cells)| (names.commune(code), cells.iter().map(|c| c.allocated).sum()))
            .filter(|(_, v)| *v > 0)
            .collect();
        areas.sort_by_key(|a| std::cmp::Reverse(a.1));
        areas.truncate(TOP_AREAS);
        horizontal_bars(&mut cols[1], "chart_areas", &areas, DISBURSED);
    });

    ui.separator();
    ui.label(bold("Cần xem xét"));
    let mut any = false;
    for s in &b.over_allocated {
        any = true;
        ui.colored_label(
            ERROR_COLOR,
            format!("Nguồn {} đã phân bổ vượt kế hoạch giao.", s.label()),
        );
    }
    for e in b.exceeded_envelopes() {
        any = true;
        ui.colored_label(
            ERROR_COLOR,
            format!(
                "Dự toán chi tiết {} {}{} bị vượt: {} / {} đồng.",
                e.source.label(),
                e.content_code,
                e.commune_code,
                format_integer(e.allocated),
                format_integer(e.amount)
            ),
        );
    }
    let slow = b
        .by_source
        .iter()
        .filter(|s| s.planned > 0 && s.disbursement_rate_bp.is_some_and(|r| r < 5_000));
    for s in slow {
        any = true;
        ui.colored_label(
            WARNING_COLOR,
            format!(
                "Nguồn {} mới giải ngân {} kế hoạch.",
                s.source.label(),
                s.disbursement_rate_bp
                    .map(crate::text::number::format_percent_basis_points)
                    .unwrap_or_default()
            ),
        );
    }
    if !any {
        ui.weak("Không có cảnh báo về cân đối kinh phí.");
    }
}

/// One bar per row, biggest on top, each named inside the chart beside its bar (an axis this
/// dense drops its labels).
fn horizontal_bars(ui: &mut Ui, id: &str, rows: &[(String, i64)], color: Color32) {
    if rows.is_empty() {
        ui.weak("Chưa có số liệu.");
        return;
    }
    let shown: Vec<(String, i64)> = rows
        .iter()
        .rev()
        .map(|(name, v)| {
            let name = if name.chars().count() > 40 {
                format!("{}…", name.chars().take(39).collect::<String>())
            } else {
                name.clone()
            };
            (name, *v)
        })
        .collect();
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, (name, v))| Bar::new(i as f64, million(*v)).width(0.7).name(name))
        .collect();
    fixed_plot(id)
        .show_axes([true, false])
        .x_axis_label("triệu đồng")
        .x_axis_formatter(|mark, _| format_integer(mark.value.round() as i64))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Đã phân bổ", bars).horizontal().color(color));
            for (i, (name, _)) in shown.iter().enumerate() {
                plot.text(
                    Text::new(
                        name.clone(),
                        PlotPoint::new(0.0, i as f64),
                        format!("  {name}"),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}
