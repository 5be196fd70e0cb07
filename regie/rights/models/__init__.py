from regie.rights.models.corrections import (
    RECTIFIABLE_FIELDS,
    Notification,
    NotificationKind,
    ProcessingRestriction,
    Rectification,
)
from regie.rights.models.requests import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    AccessExport,
    RequesterKind,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from regie.rights.models.retention import (
    BatchKind,
    DeletionBatch,
    RetentionExtension,
    Tombstone,
)

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "RECTIFIABLE_FIELDS",
    "AccessExport",
    "BatchKind",
    "DeletionBatch",
    "Notification",
    "NotificationKind",
    "ProcessingRestriction",
    "Rectification",
    "RequestKind",
    "RequestStatus",
    "RequesterKind",
    "RetentionExtension",
    "SubjectRequest",
    "Tombstone",
]
