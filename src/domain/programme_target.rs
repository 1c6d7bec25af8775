//! Chỉ tiêu của chương trình: the targets a programme decision sets per output indicator, and
//! how far the projects of the programme have got.

use serde::{Deserialize, Serialize};

/// One target of a programme, entered from its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeTarget {
    pub programme_code: String,
    pub indicator_code: String,
    pub target: i64,
}

/// A target with what the programme's projects achieved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetProgress {
    pub indicator_code: String,
    pub target: i64,
    pub achieved: i64,
    /// achieved / target in basis points; None when the target is 0.
    pub done_bp: Option<i64>,
}

/// Pairs each target with the achieved sum of its indicator (absent = 0).
pub fn target_progress(
    targets: &[ProgrammeTarget],
    achieved: &[(String, i64)],
) -> Vec<TargetProgress> {
    targets
        .iter()
        .map(|t| {
            let done = achieved
                .iter()
                .find(|(code, _)| code == &t.indicator_code)
                .map_or(0, |(_, v)| *v);
            TargetProgress {
                indicator_code: t.indicator_code.clone(),
                target: t.target,
                achieved: done,
                done_bp: crate::domain::money::basis_points(done, t.target),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_done_per_indicator() {
        let targets = [
            ProgrammeTarget {
                programme_code: "KCDP-38-2026-2030".into(),
                indicator_code: "may_moc_thiet_bi".into(),
                target: 100,
            },
            ProgrammeTarget {
                programme_code: "KCDP-38-2026-2030".into(),
                indicator_code: "lao_dong_dao_tao".into(),
                target: 0,
            },
        ];
        let progress = target_progress(&targets, &[("may_moc_thiet_bi".into(), 63)]);
        assert_eq!(progress[0].achieved, 63);
        assert_eq!(progress[0].done_bp, Some(6300));
        assert_eq!((progress[1].achieved, progress[1].done_bp), (0, None));
    }
}
