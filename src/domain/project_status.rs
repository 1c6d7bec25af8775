//! The life cycle of a project (DOMAIN.md §4.3): the usual path, and the moves that need a reason.

use serde::{Deserialize, Serialize};

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProjectStatus {
    DangKy,
    ThamDinhCoSo,
    ThamDinhCapBo,
    PheDuyet,
    KyHopDong,
    DangThucHien,
    DieuChinh,
    TamDung,
    Huy,
    NghiemThu,
    QuyetToan,
    HoanThanh,
}

impl ProjectStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [ProjectStatus; 12] = [
        ProjectStatus::DangKy,
        ProjectStatus::ThamDinhCoSo,
        ProjectStatus::ThamDinhCapBo,
        ProjectStatus::PheDuyet,
        ProjectStatus::KyHopDong,
        ProjectStatus::DangThucHien,
        ProjectStatus::DieuChinh,
        ProjectStatus::TamDung,
        ProjectStatus::Huy,
        ProjectStatus::NghiemThu,
        ProjectStatus::QuyetToan,
        ProjectStatus::HoanThanh,
    ];

    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::DangKy => "dang_ky",
            ProjectStatus::ThamDinhCoSo => "tham_dinh_co_so",
            ProjectStatus::ThamDinhCapBo => "tham_dinh_cap_bo",
            ProjectStatus::PheDuyet => "phe_duyet",
            ProjectStatus::KyHopDong => "ky_hop_dong",
            ProjectStatus::DangThucHien => "dang_thuc_hien",
            ProjectStatus::DieuChinh => "dieu_chinh",
            ProjectStatus::TamDung => "tam_dung",
            ProjectStatus::Huy => "huy",
            ProjectStatus::NghiemThu => "nghiem_thu",
            ProjectStatus::QuyetToan => "quyet_toan",
            ProjectStatus::HoanThanh => "hoan_thanh",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            ProjectStatus::DangKy => "Đăng ký",
            ProjectStatus::ThamDinhCoSo => "Thẩm định cấp cơ sở",
            ProjectStatus::ThamDinhCapBo => "Thẩm định cấp Bộ",
            ProjectStatus::PheDuyet => "Phê duyệt",
            ProjectStatus::KyHopDong => "Ký hợp đồng",
            ProjectStatus::DangThucHien => "Đang thực hiện",
            ProjectStatus::DieuChinh => "Điều chỉnh",
            ProjectStatus::TamDung => "Tạm dừng",
            ProjectStatus::Huy => "Hủy",
            ProjectStatus::NghiemThu => "Nghiệm thu",
            ProjectStatus::QuyetToan => "Quyết toán / Thanh lý",
            ProjectStatus::HoanThanh => "Hoàn thành",
        }
    }

    /// The moves that follow the usual path from here; any other move needs a reason.
    /// `national` adds the Ministry's appraisal step for KCQG projects.
    pub fn usual_next(self, national: bool) -> &'static [ProjectStatus] {
        use ProjectStatus::*;
        match self {
            DangKy => &[ThamDinhCoSo, Huy],
            ThamDinhCoSo if national => &[ThamDinhCapBo, Huy],
            ThamDinhCoSo => &[PheDuyet, Huy],
            ThamDinhCapBo => &[PheDuyet, Huy],
            PheDuyet => &[KyHopDong, Huy],
            KyHopDong => &[DangThucHien, Huy],
            DangThucHien => &[NghiemThu, DieuChinh, TamDung, Huy],
            DieuChinh => &[DangThucHien, TamDung, Huy],
            TamDung => &[DangThucHien, Huy],
            NghiemThu => &[QuyetToan],
            QuyetToan => &[HoanThanh],
            Huy | HoanThanh => &[],
        }
    }

    /// True when the project's support counts as allocated (approved and not cancelled).
    pub fn is_allocated(self) -> bool {
        !matches!(
            self,
            ProjectStatus::DangKy
                | ProjectStatus::ThamDinhCoSo
                | ProjectStatus::ThamDinhCapBo
                | ProjectStatus::Huy
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_projects_pass_the_ministry_appraisal() {
        assert_eq!(
            ProjectStatus::ThamDinhCoSo.usual_next(true),
            [ProjectStatus::ThamDinhCapBo, ProjectStatus::Huy]
        );
        assert_eq!(
            ProjectStatus::ThamDinhCoSo.usual_next(false),
            [ProjectStatus::PheDuyet, ProjectStatus::Huy]
        );
        assert!(ProjectStatus::HoanThanh.usual_next(false).is_empty());
    }

    #[test]
    fn codes_round_trip() {
        for s in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::from_code(s.code()), Some(s));
        }
    }
}
