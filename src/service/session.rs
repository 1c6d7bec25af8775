//! Who is working, for which unit, on which day: what every use case needs to know about the
//! person at the keyboard. The actor written into every audit row comes from here.

use chrono::NaiveDate;

use crate::domain::unit_settings::UnitSettings;

/// The working session of one person on one database.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The unit this installation serves; None until the first-start dialog is answered.
    pub unit: Option<UnitSettings>,
    /// The person, as the audit log names them.
    pub actor: String,
    /// The date rules are judged on.
    pub today: NaiveDate,
}

impl Session {
    /// A session for the person logged in to this computer, judged on `today`.
    pub fn for_logged_in_user(today: NaiveDate) -> Session {
        Session {
            unit: None,
            actor: logged_in_user(),
            today,
        }
    }

    /// The province the unit serves, empty before the first start.
    pub fn province_code(&self) -> &str {
        self.unit.as_ref().map_or("", |u| u.province_code.as_str())
    }
}

/// The logged-in user's name: Windows sets USERNAME for the account that logged on (the name
/// staff know from the login screen); Linux and macOS set USER.
pub fn logged_in_user() -> String {
    ["USERNAME", "USER"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "không rõ".to_owned())
}

/// Local time as the audit log and the finalised reports record it.
pub fn now_text() -> String {
    crate::store::audit::now_text()
}
