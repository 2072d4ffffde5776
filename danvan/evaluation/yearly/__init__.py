"""The province's yearly scoring of dân vận chính quyền: criteria as data, the commune's
self-assessment pre-filled from the measurements, appraisal with reasons, the decision."""
