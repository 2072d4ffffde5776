"""Review reports (báo cáo sơ kết / tổng kết) of a commune or a province for a period, built
in the background as DOCX (Decree 30/2020 layout), PDF or XLSX."""
