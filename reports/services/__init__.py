"""Every write of the reports app: the award evidence's words, and report exports."""

from reports.services.evidence import evidence_statements_save
from reports.services.exporting import (
    ExportFile,
    export_build,
    export_file_make,
    export_made_directly_record,
    export_request,
    exports_forget,
    exports_sweep,
)
from reports.services.families import families_count

__all__ = [
    "ExportFile",
    "evidence_statements_save",
    "export_build",
    "export_file_make",
    "export_made_directly_record",
    "export_request",
    "exports_forget",
    "exports_sweep",
    "families_count",
]
