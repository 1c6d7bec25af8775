//! The report's print preview: pages turned by the toolbar and by PageUp/PageDown, zoom, and
//! the page painted where the PDF puts things: texts on their baselines in the print font,
//! justified lines reaching the right margin, landscape pages drawn landscape, and only the
//! current page painted however long the report.

use egui::epaint::{RectShape, TextShape};
use egui::{Color32, Key, Shape, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::report::print_font::{MM_PER_PT, print_fonts};
use khuyencong::report::{
    Align, Appendix, Block, Cell, Column, Face, OfficialDocument, Page, PageItem, Row, RowKind,
    Signer, Table, layout,
};
use khuyencong::ui::fonts::install_fonts;
use khuyencong::ui::report_preview::{ReportPreview, Zoom};

const PARAGRAPH: &str = "Thực hiện Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính \
phủ về khuyến công, được sửa đổi, bổ sung tại Nghị định số 235/2025/NĐ-CP, Sở Công Thương đã chủ \
trì, phối hợp với các sở, ngành và Ủy ban nhân dân các xã, phường triển khai đồng bộ các nội dung \
hoạt động khuyến công; tập trung hỗ trợ các cơ sở công nghiệp nông thôn đầu tư máy móc thiết bị \
tiên tiến, xây dựng mô hình trình diễn kỹ thuật, đào tạo nghề và nâng cao năng lực quản lý.";

const ESTABLISHMENTS: [&str; 3] = [
    "Hợp tác xã Dịch vụ Nông nghiệp và Tiểu thủ công nghiệp Nguyễn Thị Ngọc Ánh",
    "Công ty TNHH Chế biến Nông sản Thực phẩm Xuất khẩu Lam Sơn",
    "Cơ sở sản xuất bánh gai Tứ Trụ",
];

fn column(heading: &str, weight: u16, align: Align) -> Column {
    Column {
        heading: heading.to_owned(),
        weight,
        align,
    }
}

fn projects_appendix() -> Appendix {
    let columns = vec![
        column("TT", 5, Align::Center),
        column("Tên đề án", 24, Align::Left),
        column("Đơn vị thực hiện (cơ sở thụ hưởng)", 22, Align::Left),
        column("Địa điểm", 12, Align::Left),
        column("Tổng kinh phí", 11, Align::Right),
        column("Kinh phí khuyến công hỗ trợ", 11, Align::Right),
        column("Đã thanh toán", 11, Align::Right),
        column("Tỷ lệ giải ngân (%)", 8, Align::Right),
        column("Ghi chú", 10, Align::Left),
    ];
    let rows = (0..40)
        .map(|index: i64| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Count(index + 1),
                Cell::Text("Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất".to_owned()),
                Cell::Text(ESTABLISHMENTS[index as usize % 3].to_owned()),
                Cell::Text("Xã Nga Sơn".to_owned()),
                Cell::Millions(650_000 + index * 12_345),
                Cell::Millions(300_000 + index * 5_432),
                Cell::Millions(150_000 + index * 2_100),
                Cell::Percent(5_000 + index * 10),
                Cell::Empty,
            ],
        })
        .collect();
    Appendix {
        label: "Phụ lục I".to_owned(),
        title: "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2026".to_owned(),
        attached_to: "(Kèm theo Báo cáo số 15/BC-SCT ngày 05 tháng 01 năm 2027 của Sở Công Thương)"
            .to_owned(),
        unit_note: Some("Đơn vị tính: triệu đồng".to_owned()),
        landscape: true,
        table: Table::new(columns, rows),
    }
}

fn document() -> OfficialDocument {
    let mut body = vec![Block::Heading(
        "I. TÌNH HÌNH TRIỂN KHAI NĂM 2026".to_owned(),
    )];
    for number in 1..=4 {
        body.push(Block::SubHeading(format!("{number}. Kết quả thực hiện")));
        body.push(Block::Paragraph(PARAGRAPH.to_owned()));
        body.push(Block::Paragraph(PARAGRAPH.to_owned()));
    }
    OfficialDocument {
        parent_agency: "UBND TỈNH THANH HÓA".to_owned(),
        issuing_agency: "SỞ CÔNG THƯƠNG".to_owned(),
        number_line: "Số: 15/BC-SCT".to_owned(),
        place_and_date: "Thanh Hóa, ngày 05 tháng 01 năm 2027".to_owned(),
        kind_title: "BÁO CÁO".to_owned(),
        summary: "Kết quả thực hiện công tác khuyến công năm 2026".to_owned(),
        recipients: vec![
            "Bộ Công Thương".to_owned(),
            "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công".to_owned(),
        ],
        body,
        signer: Signer {
            authority: "KT. GIÁM ĐỐC".to_owned(),
            position: "PHÓ GIÁM ĐỐC".to_owned(),
            name: "Lê Thị Hồng Nhung".to_owned(),
        },
        distribution: vec!["Như trên".to_owned(), "Lưu: VT, QLCN".to_owned()],
        appendices: vec![projects_appendix()],
        fingerprint: None,
    }
}

struct Preview {
    preview: ReportPreview,
    pages: Vec<Page>,
}

fn harness(pages: Vec<Page>) -> Harness<'static, Preview> {
    let mut harness = Harness::builder()
        .with_size(vec2(1000.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, state: &mut Preview| state.preview.ui(ui, &state.pages),
            Preview {
                preview: ReportPreview::default(),
                pages,
            },
        );
    harness.run();
    harness
}

/// Asserts the toolbar shows `label` ("Trang 2/7").
#[track_caller]
fn assert_shows(harness: &Harness<'_, Preview>, label: &str) {
    assert!(
        harness.query_by_label(label).is_some(),
        "the toolbar should say {label}"
    );
}

fn click(harness: &mut Harness<'_, Preview>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// The shapes painted in the last frame.
fn shapes(harness: &Harness<'_, Preview>) -> Vec<Shape> {
    harness
        .output()
        .shapes
        .iter()
        .map(|clipped| clipped.shape.clone())
        .collect()
}

/// The white sheet.
fn sheet(harness: &Harness<'_, Preview>) -> RectShape {
    let sheets: Vec<RectShape> = shapes(harness)
        .into_iter()
        .filter_map(|shape| match shape {
            Shape::Rect(rect) if rect.fill == Color32::WHITE => Some(rect),
            _ => None,
        })
        .collect();
    assert_eq!(sheets.len(), 1, "one sheet is painted");
    sheets[0].clone()
}

fn texts(harness: &Harness<'_, Preview>) -> Vec<TextShape> {
    shapes(harness)
        .into_iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

/// Where a painted text's first baseline is, on screen.
fn baseline(text: &TextShape) -> f32 {
    let row = &text.galley.rows[0];
    text.pos.y + row.pos.y + row.row.glyphs[0].pos.y
}

#[test]
fn the_toolbar_and_the_keys_turn_pages() {
    let pages = layout(&document());
    let count = pages.len();
    assert!(count >= 4, "main text and appendix: {count} pages");
    assert!(pages.last().is_some_and(Page::is_landscape));
    let mut harness = harness(pages);
    assert_shows(&harness, &format!("Trang 1/{count}"));

    click(&mut harness, "Trang sau");
    assert_shows(&harness, &format!("Trang 2/{count}"));
    click(&mut harness, "Trang cuối");
    assert_shows(&harness, &format!("Trang {count}/{count}"));
    click(&mut harness, "Trang trước");
    assert_eq!(harness.state().preview.current_page(), count - 2);
    click(&mut harness, "Trang đầu");
    assert_eq!(harness.state().preview.current_page(), 0);

    // With the pointer over the page, PageDown/PageUp turn it.
    let over_sheet = sheet(&harness).rect.center();
    harness.hover_at(over_sheet);
    harness.key_press(Key::PageDown);
    harness.run();
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().preview.current_page(), 2);
    harness.key_press(Key::PageUp);
    harness.run();
    assert_shows(&harness, &format!("Trang 2/{count}"));
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(harness.state().preview.current_page(), count - 1);
}

#[test]
fn keys_elsewhere_do_not_turn_pages_but_focus_on_the_page_does() {
    let mut harness = harness(layout(&document()));
    harness.remove_cursor();
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().preview.current_page(), 0);

    harness.get_by_label("Bản xem trước trang in").focus();
    harness.run();
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().preview.current_page(), 1);
}

#[test]
fn zoom_steps_and_fits_the_width() {
    let mut harness = harness(layout(&document()));
    assert_eq!(harness.state().preview.zoom(), Zoom::FitWidth);
    let fitted = sheet(&harness).rect.width();
    assert!(fitted <= 1000.0 && fitted > 700.0, "{fitted}");

    click(&mut harness, "Phóng to");
    assert!(matches!(harness.state().preview.zoom(), Zoom::Fixed(scale) if scale > 1.0));
    assert!(sheet(&harness).rect.width() > fitted);
    click(&mut harness, "Thu nhỏ");
    click(&mut harness, "Thu nhỏ");
    assert!(sheet(&harness).rect.width() < fitted);
    click(&mut harness, "Vừa khung");
    assert_eq!(sheet(&harness).rect.width(), fitted);
}

#[test]
fn landscape_pages_are_drawn_landscape() {
    let mut harness = harness(layout(&document()));
    let portrait = sheet(&harness).rect;
    assert!(portrait.height() > portrait.width());
    click(&mut harness, "Trang cuối");
    let landscape = sheet(&harness).rect;
    assert!(landscape.width() > landscape.height());
    let page = &harness.state().pages[harness.state().preview.current_page()];
    let ratio = page.width_mm / page.height_mm;
    assert!((landscape.width() / landscape.height() - ratio).abs() < 0.01);
}

const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const JUSTIFIED_WIDTH_MM: f32 = 165.0;

/// A page holding one justified line, one plain line and a rule.
fn test_page() -> Page {
    let mut page = Page::new(210.0, 297.0);
    let words = "Hỗ trợ các cơ sở công nghiệp nông thôn đầu tư máy móc";
    let natural = print_fonts().face(Face::Regular).width_mm(words, 14.0);
    let spaces = words.matches(' ').count() as f32;
    page.items.push(PageItem::Text {
        x_mm: 30.0,
        baseline_mm: 50.0,
        size_pt: 14.0,
        face: Face::Regular,
        text: words.to_owned(),
        word_spacing_mm: (JUSTIFIED_WIDTH_MM - natural) / spaces,
        width_mm: JUSTIFIED_WIDTH_MM,
    });
    page.items.push(PageItem::Text {
        x_mm: 30.0,
        baseline_mm: 60.0,
        size_pt: 13.0,
        face: Face::Bold,
        text: NATION.to_owned(),
        word_spacing_mm: 0.0,
        width_mm: print_fonts().face(Face::Bold).width_mm(NATION, 13.0),
    });
    page.items.push(PageItem::Line {
        x1_mm: 30.0,
        y1_mm: 62.0,
        x2_mm: 110.0,
        y2_mm: 62.0,
        width_pt: 0.5,
    });
    page
}

#[test]
fn texts_sit_on_their_baselines_and_justified_lines_reach_their_width() {
    let harness = harness(vec![test_page()]);
    let sheet = sheet(&harness).rect;
    let per_mm = sheet.width() / 210.0;
    let screen_y = |mm: f32| sheet.top() + mm * per_mm;
    let texts = texts(&harness);
    let words = texts
        .iter()
        .filter(|text| (baseline(text) - screen_y(50.0)).abs() < 1.0)
        .count();
    assert_eq!(words, 13, "the justified line is painted word by word");
    let nation: Vec<_> = texts
        .iter()
        .filter(|text| (baseline(text) - screen_y(60.0)).abs() < 1.0)
        .collect();
    assert_eq!(nation.len(), 8, "every line is painted word by word");
    let first = nation[0];
    assert_eq!(first.galley.text(), "CỘNG");
    assert!((first.pos.x - (sheet.left() + 30.0 * per_mm)).abs() < 1.0);
    let font_size = first.galley.job.sections[0].format.font_id.size;
    assert!((font_size - 13.0 * MM_PER_PT * per_mm).abs() < 0.01);
    let nation_end = nation
        .iter()
        .map(|word| word.pos.x + word.galley.rect.width())
        .fold(0.0, f32::max);
    let print_end =
        sheet.left() + (30.0 + print_fonts().face(Face::Bold).width_mm(NATION, 13.0)) * per_mm;
    assert!(
        (nation_end - print_end).abs() < 1.5,
        "{nation_end} {print_end}"
    );

    let last_word = texts
        .iter()
        .find(|text| text.galley.text() == "móc")
        .expect("last word painted");
    let right = last_word.pos.x + last_word.galley.rect.width();
    let expected = sheet.left() + (30.0 + JUSTIFIED_WIDTH_MM) * per_mm;
    assert!(
        (right - expected).abs() < 1.5,
        "justified line ends at {right}, the margin is at {expected}"
    );
}

#[test]
fn a_long_report_paints_only_the_current_page() {
    let document = layout(&document());
    let pages: Vec<Page> = document.iter().cycle().take(250).cloned().collect();
    let words_on_first_page: usize = pages[0]
        .texts()
        .map(|text| text.split_whitespace().count())
        .sum();
    let mut harness = harness(pages);
    assert_shows(&harness, "Trang 1/250");
    // The toolbar's labels and buttons are texts too: a dozen of them.
    assert!(texts(&harness).len() <= words_on_first_page + 12);
    click(&mut harness, "Trang cuối");
    assert_shows(&harness, "Trang 250/250");
}
