//! The unit this installation serves (chosen at first start, changed in Cài đặt).

use crate::domain::unit_settings::UnitSettings;
use crate::service::{Service, ServiceResult};

impl Service {
    /// Stores the unit and reads the reference lists of its province.
    pub fn save_unit(&mut self, unit: &UnitSettings) -> ServiceResult<()> {
        self.store.set_unit_settings(unit)?;
        self.reload_reference()
    }
}
