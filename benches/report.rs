//! Report benchmark: an annual report whose Phụ lục I lists 2.000 đề án on landscape pages,
//! laid out and written as PDF (target: the whole pipeline ≤ 1 s). Plain `fn main()`: it
//! measures and prints, it asserts nothing about time.
//!
//!     cargo bench --bench report

use std::hint::black_box;
use std::time::Instant;

use khuyencong::report::{
    Align, Appendix, Block, Cell, Column, OfficialDocument, Row, RowKind, Signer, Table, layout,
    render_pdf, write_pdf,
};

const ROWS: usize = 2_000;
const GROUPS: usize = 8;
const RUNS: usize = 7;
const TARGET_MS: f64 = 1_000.0;

const CONTENTS: [&str; 4] = [
    "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất",
    "Đào tạo nghề, truyền nghề gắn với giải quyết việc làm",
    "Xây dựng mô hình trình diễn kỹ thuật chế biến nông sản",
    "Hỗ trợ tham gia hội chợ triển lãm sản phẩm công nghiệp nông thôn",
];
const ESTABLISHMENTS: [&str; 5] = [
    "Hợp tác xã Dịch vụ Nông nghiệp và Tiểu thủ công nghiệp Nga Sơn",
    "Công ty TNHH Chế biến Nông sản Thực phẩm Xuất khẩu Lam Sơn",
    "Cơ sở sản xuất bánh gai Tứ Trụ",
    "Hộ kinh doanh Nguyễn Thị Ngọc Ánh",
    "Công ty cổ phần Mây tre đan Thanh Hóa",
];
const COMMUNES: [&str; 4] = [
    "Xã Nga Sơn",
    "Phường Hạc Thành",
    "Xã Thọ Xuân",
    "Xã Bá Thước",
];

fn column(heading: &str, weight: u16, align: Align) -> Column {
    Column {
        heading: heading.to_owned(),
        weight,
        align,
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn project(index: usize, rng: &mut fastrand::Rng) -> Row {
    let support = rng.i64(50_000..500_000);
    let paid = support * rng.i64(0..=10) / 10;
    Row {
        kind: RowKind::Data,
        cells: vec![
            text(&(index + 1).to_string()),
            text(CONTENTS[rng.usize(0..CONTENTS.len())]),
            text(ESTABLISHMENTS[rng.usize(0..ESTABLISHMENTS.len())]),
            text(COMMUNES[rng.usize(0..COMMUNES.len())]),
            text(if rng.bool() { "KCQG" } else { "KCĐP" }),
            text(&format!("{}/QĐ-SCT", 100 + index)),
            Cell::Millions(support * 2),
            Cell::Millions(support),
            Cell::Millions(paid),
            Cell::Millions(support - paid),
            Cell::Percent(paid * 10_000 / support),
            Cell::Count(rng.i64(3..60)),
            if index.is_multiple_of(9) {
                text("Chuyển tiếp")
            } else {
                Cell::Empty
            },
        ],
    }
}

fn titled_row(kind: RowKind, number: &str, title: &str) -> Row {
    let mut cells = vec![text(number), text(title)];
    cells.resize(13, Cell::Empty);
    Row { kind, cells }
}

fn annual_report() -> OfficialDocument {
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut rows = Vec::with_capacity(ROWS + 2 * GROUPS + 1);
    for group in 0..GROUPS {
        rows.push(titled_row(
            RowKind::Group,
            &(group + 1).to_string(),
            CONTENTS[group % 4],
        ));
        for index in group * ROWS / GROUPS..(group + 1) * ROWS / GROUPS {
            rows.push(project(index, &mut rng));
        }
        rows.push(titled_row(RowKind::Subtotal, "", "Cộng"));
    }
    rows.push(titled_row(RowKind::Total, "", "TỔNG CỘNG"));
    let columns = vec![
        column("TT", 5, Align::Center),
        column("Tên đề án", 24, Align::Left),
        column("Cơ sở thụ hưởng", 22, Align::Left),
        column("Địa điểm", 10, Align::Left),
        column("Nguồn", 7, Align::Center),
        column("Số quyết định", 10, Align::Center),
        column("Tổng kinh phí", 11, Align::Right),
        column("Kinh phí hỗ trợ", 11, Align::Right),
        column("Đã giải ngân", 11, Align::Right),
        column("Còn lại", 11, Align::Right),
        column("Tỷ lệ (%)", 7, Align::Right),
        column("Số lao động", 7, Align::Right),
        column("Ghi chú", 9, Align::Left),
    ];
    let paragraph = "Trong năm, Trung tâm Khuyến công đã triển khai các đề án khuyến công theo \
                     kế hoạch được giao, tập trung hỗ trợ các cơ sở công nghiệp nông thôn đầu tư \
                     máy móc thiết bị, đào tạo nghề và xúc tiến thương mại.";
    OfficialDocument {
        parent_agency: "UBND TỈNH THANH HÓA".into(),
        issuing_agency: "SỞ CÔNG THƯƠNG".into(),
        number_line: "Số: 15/BC-SCT".into(),
        place_and_date: "Thanh Hóa, ngày 05 tháng 01 năm 2027".into(),
        kind_title: "BÁO CÁO".into(),
        summary: "Kết quả thực hiện công tác khuyến công năm 2026".into(),
        recipients: vec!["Bộ Công Thương".into()],
        body: (0..12)
            .map(|i| match i % 4 {
                0 => Block::Heading(format!("{}. KẾT QUẢ THỰC HIỆN", i / 4 + 1)),
                _ => Block::Paragraph(paragraph.into()),
            })
            .collect(),
        signer: Signer {
            authority: "KT. GIÁM ĐỐC".into(),
            position: "PHÓ GIÁM ĐỐC".into(),
            name: "Lê Thị Hồng Nhung".into(),
        },
        distribution: vec!["Như trên".into(), "Lưu: VT, QLCN".into()],
        appendices: vec![Appendix {
            label: "Phụ lục I".into(),
            title: "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2026".into(),
            attached_to: "(Kèm theo Báo cáo số 15/BC-SCT ngày 05 tháng 01 năm 2027 của Sở \
                          Công Thương)"
                .into(),
            unit_note: Some("Đơn vị tính: triệu đồng".into()),
            landscape: true,
            table: Table { columns, rows },
        }],
        fingerprint: Some("ab12cd34".into()),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let doc = annual_report();

    // The first report of a session also parses the four print faces.
    let start = Instant::now();
    black_box(render_pdf(&doc).expect("PDF written"));
    let first_ms = start.elapsed().as_secs_f64() * 1000.0;

    let mut layout_ms = Vec::new();
    let mut write_ms = Vec::new();
    let mut pages = 0;
    let mut bytes = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let laid_out = black_box(layout(&doc));
        layout_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        let pdf = black_box(write_pdf(&doc.summary, &laid_out).expect("PDF written"));
        write_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        pages = laid_out.len();
        bytes = pdf.len();
    }
    let (layout_ms, write_ms) = (median(layout_ms), median(write_ms));
    println!("Báo cáo năm — Phụ lục I với {ROWS} đề án, khổ ngang (release)");
    println!("bố cục (layout): trung vị {layout_ms:.1} ms");
    println!("ghi PDF (write_pdf): trung vị {write_ms:.1} ms");
    println!(
        "cả hai: {:.1} ms (mục tiêu ≤ {TARGET_MS} ms); lần đầu, kể cả đọc phông: {first_ms:.1} ms",
        layout_ms + write_ms
    );
    println!(
        "{pages} trang, {bytes} byte ({:.0} KB)",
        bytes as f64 / 1024.0
    );
}
