"""Tables of the store. Records of schools and teachers are versioned, never updated in place:
each version holds the values valid from `valid_from` until `valid_to` (NULL: current), with who
wrote it, from which source (import, correction, form) and under which reference (batch, form).
"""

from datetime import date, datetime

from sqlalchemy import Column, DateTime, Index, LargeBinary, PrimaryKeyConstraint, Text
from sqlmodel import Field, SQLModel


class Region(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=6)
    name: str
    parent_code: str | None = Field(default=None, max_length=6)
    level: str  # province | city | county


class Versioned(SQLModel):
    valid_from: datetime = Field(primary_key=True, sa_type=DateTime())
    valid_to: datetime | None = Field(default=None, sa_type=DateTime())
    source: str  # import | correction | form
    changed_by: str
    ref: str | None = None  # import batch id, form id or correction id
    reason: str | None = None
    # Valid time: the day from which these values were true, when it differs from the day they were
    # recorded (a correction made on a form for 2026-09-01 states what was true on that day).
    effective_from: date | None = None


# A record's versions keyed by the record first: "the version of this school in force on a day"
# is then an index range, where a key led by valid_from made every such probe a scan of the index.
class School(Versioned, table=True):
    __table_args__ = (PrimaryKeyConstraint("code", "valid_from"), Index("ix_school_region", "region_code"))
    code: str = Field(primary_key=True, max_length=10)
    name: str
    region_code: str = Field(max_length=6)
    school_type: str
    urban_rural: str
    ownership: str
    address: str | None = None
    enrolment: int | None = None


class Teacher(Versioned, table=True):
    __table_args__ = (PrimaryKeyConstraint("id", "valid_from"), Index("ix_teacher_school", "school_code"))
    id: str = Field(primary_key=True, max_length=32)
    id_number: str = Field(max_length=18)
    name: str
    gender: str
    birth_date: date
    ethnicity: str
    education: str
    title: str
    subject: str | None = None
    post_type: str
    establishment: str
    school_code: str = Field(max_length=10)
    teaching_start: date | None = None
    status: str


class Organisation(SQLModel, table=True):
    """A department, an approving office, a school or the administration: who principals act for."""

    code: str = Field(primary_key=True)
    name: str
    kind: str  # department | statistics_office | education_office | school | admin
    jurisdiction: str | None = Field(default=None, max_length=6)  # region code
    owns: str | None = None  # comma-separated dictionary owners it answers for, e.g. human_resources


class Principal(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    role: str
    org_code: str
    created_at: datetime = Field(sa_type=DateTime())


class Token(SQLModel, table=True):
    """Bearer tokens and one-time sign-in links, stored as SHA-256 digests: a leaked table grants
    nothing. `purpose` api: a bearer token; web: a browser session opened by a sign-in link;
    sign_in: the link itself, spent on first use (`used_at`)."""

    token_hash: str = Field(primary_key=True)
    principal_id: str = Field(index=True)
    created_at: datetime = Field(sa_type=DateTime())
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime())
    expires_at: datetime | None = Field(default=None, sa_type=DateTime())
    purpose: str = Field(default="api", sa_column_kwargs={"server_default": "api"})
    used_at: datetime | None = Field(default=None, sa_type=DateTime())


class ImportBatch(SQLModel, table=True):
    id: str = Field(primary_key=True)
    kind: str  # schools | teachers
    filename: str
    status: str  # imported | rejected
    rows_total: int
    rows_inserted: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    created_by: str
    created_at: datetime = Field(sa_type=DateTime())
    report: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of problems


class SchemaMigration(SQLModel, table=True):
    __tablename__ = "schema_migration"
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str
    applied_at: datetime = Field(sa_type=DateTime())


class Request(SQLModel, table=True):
    """A department's form request. `content_hash` fixes what an approval covers."""

    id: str = Field(primary_key=True)
    department: str  # organisation code
    title: str
    purpose: str = Field(sa_column=Column(Text, nullable=False))
    kind: str  # statistical | research | administrative
    level: str  # school | roster
    scope: str = Field(sa_column=Column(Text, nullable=False))  # JSON of service.domain.scope.Scope
    reference_date: date
    period_start: date
    period_end: date
    due_date: date
    frequency: str
    status: str
    content_hash: str
    created_by: str
    created_at: datetime = Field(sa_type=DateTime())
    updated_at: datetime = Field(sa_type=DateTime())


class RequestField(SQLModel, table=True):
    """A field of a request as the department worded it, and the kept analysis of it."""

    __tablename__ = "request_field"
    request_id: str = Field(primary_key=True)
    position: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    label: str | None = None
    given_key: str | None = None
    given_type: str | None = None
    key: str | None = Field(default=None, index=True)  # the matched (definition or custom) key
    classification: str
    confidence: float
    reason: str = Field(sa_column=Column(Text, nullable=False))
    source: str | None = None  # store | collected | request:<id>
    headers: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))  # JSON list
    definition: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON, null for new


class RequestTransition(SQLModel, table=True):
    __tablename__ = "request_transition"
    request_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    from_status: str | None = None
    to_status: str
    changed_at: datetime = Field(sa_type=DateTime())
    changed_by: str
    reason: str = Field(sa_column=Column(Text, nullable=False))


class CustomField(SQLModel, table=True):
    """A field first asked by a request in its own wording; later requests can match it."""

    __tablename__ = "custom_field"
    key: str = Field(primary_key=True)
    entity: str
    label: str
    type: str
    first_request: str
    department: str
    created_at: datetime = Field(sa_type=DateTime())


class Approval(SQLModel, table=True):
    """An approval (or filing) of one version of a request by the statistics or education office."""

    id: str = Field(primary_key=True)
    request_id: str
    mode: str  # approval | filing
    number: str  # e.g. 湘统函〔2026〕12号
    authority: str
    office: str  # organisation code of the approving office
    form_number: str | None = None
    scope: str = Field(sa_column=Column(Text, nullable=False))  # JSON Scope
    field_keys: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of keys
    content_hash: str
    valid_from: date
    valid_until: date
    approved_by: str
    approved_at: datetime = Field(sa_type=DateTime())
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime())
    revoked_by: str | None = None
    revoke_reason: str | None = None
    covers_sensitive: bool = False  # the department may read sensitive-personal values unmasked


class CollectedValue(SQLModel, table=True):
    """An answer collected by a form, reusable for the same field and reference date."""

    __tablename__ = "collected_value"
    entity_id: str = Field(primary_key=True)  # school code or teacher id
    key: str = Field(primary_key=True)
    reference_date: date = Field(primary_key=True)
    value: str | None = None
    source: str  # form | correction
    ref: str  # form id
    collected_by: str
    collected_at: datetime = Field(sa_type=DateTime())


class Form(SQLModel, table=True):
    """One inbox item of one school: every request issued to it in the same collection window."""

    id: str = Field(primary_key=True)
    school_code: str = Field(index=True)
    window: str  # level:reference_date
    level: str
    reference_date: date
    due_date: date
    status: str  # issued | opened | submitted
    version: int = Field(sa_column_kwargs={"autoincrement": False})
    created_at: datetime = Field(sa_type=DateTime())
    opened_at: datetime | None = Field(default=None, sa_type=DateTime())
    submitted_at: datetime | None = Field(default=None, sa_type=DateTime())
    submitted_by: str | None = None


class FormSection(SQLModel, table=True):
    """A request's part of a form, with the statutory header it must show."""

    __tablename__ = "form_section"
    form_id: str = Field(primary_key=True)
    request_id: str = Field(primary_key=True, index=True)
    department: str
    title: str
    form_number: str | None = None
    approval_number: str | None = None
    authority: str | None = None
    valid_until: date | None = None
    keys: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of the keys it asks


class FormItem(SQLModel, table=True):
    """One value asked on a form, asked once however many sections want it, with its provenance."""

    __tablename__ = "form_item"
    form_id: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)  # school code, or teacher id on a roster
    key: str = Field(primary_key=True)
    prefill: str | None = None
    prefill_source: str | None = None  # import | correction | form | computed
    prefill_at: datetime | None = Field(default=None, sa_type=DateTime())
    prefill_by: str | None = None
    prefill_ref: str | None = None
    classification: str
    draft: str | None = None
    value: str | None = None
    action: str | None = None  # confirm | correct | fill
    reason: str | None = None


class Correction(SQLModel, table=True):
    """A school's correction of a value another organisation owns, waiting for that owner."""

    id: str = Field(primary_key=True)
    form_id: str
    school_code: str
    entity: str
    entity_id: str
    key: str
    previous: str | None = None
    value: str | None = None
    reason: str = Field(sa_column=Column(Text, nullable=False))
    owner: str
    status: str  # pending | accepted | rejected
    created_by: str
    created_at: datetime = Field(sa_type=DateTime())
    decided_by: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=DateTime())
    decision_reason: str | None = None


class IdempotencyRecord(SQLModel, table=True):
    """The first response to a write, replayed for a retry with the same Idempotency-Key."""

    __tablename__ = "idempotency_record"
    principal_id: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    body_hash: str
    status_code: int
    response: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=DateTime())


class StopEvent(SQLModel, table=True):
    """A request (or part of one) stopped before reaching schools, and why."""

    __tablename__ = "stop_event"
    id: str = Field(primary_key=True)
    request_id: str
    department: str
    reason: str  # unapproved | expired | out_of_scope | altered
    schools: int
    stopped_at: datetime = Field(sa_type=DateTime())


class AccessLog(SQLModel, table=True):
    """A read of personal data by a department or office: who, which records, under what."""

    __tablename__ = "access_log"
    id: str = Field(primary_key=True)
    read_at: datetime = Field(sa_type=DateTime())
    principal_id: str
    org_code: str
    role: str
    school_code: str = Field(index=True)
    entity: str
    records: int
    record_ids: str = Field(sa_column=Column(Text, nullable=False))
    request_id: str | None = None
    approval_number: str | None = None
    action: str


class Webhook(SQLModel, table=True):
    department: str = Field(primary_key=True)
    url: str
    secret: str
    created_at: datetime = Field(sa_type=DateTime())


class WebhookDelivery(SQLModel, table=True):
    __tablename__ = "webhook_delivery"
    id: str = Field(primary_key=True)
    request_id: str
    department: str
    url: str
    event: str
    body: str = Field(sa_column=Column(Text, nullable=False))
    attempts: int = Field(sa_column_kwargs={"autoincrement": False})
    next_attempt_at: datetime | None = Field(default=None, sa_type=DateTime())
    last_status: int | None = None
    last_error: str | None = None
    delivered_at: datetime | None = Field(default=None, sa_type=DateTime())
    created_at: datetime = Field(sa_type=DateTime())


class RequestProgress(SQLModel, table=True):
    """How many of an issued request's forms are not yet submitted: set when it is issued, counted
    down by each submission, so the last one knows it completes the request without reading the
    request's other forms."""

    __tablename__ = "request_progress"
    request_id: str = Field(primary_key=True)
    open_forms: int = Field(sa_column_kwargs={"autoincrement": False})


class RequestGate(SQLModel, table=True):
    """One row every request submission or change updates first: submissions are serialised, so two
    departments asking the same thing at the same moment cannot both slip past the duplicate check."""

    __tablename__ = "request_gate"
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    version: int = Field(sa_column_kwargs={"autoincrement": False})


class RequestTemplate(SQLModel, table=True):
    """The department's own form a request was read from (an Excel template or an XLSForm), kept
    as sent with where each question sits, so results can be written back in the same layout."""

    __tablename__ = "request_template"
    request_id: str = Field(primary_key=True)
    format: str  # xlsx-template | xlsform
    filename: str
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    layout: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the reader's layout
    columns: str = Field(sa_column=Column(Text, nullable=False))  # JSON: ref -> field position or role
    created_at: datetime = Field(sa_type=DateTime())
class ImportProblems(SQLModel, table=True):
    """Every problem an import found, as a gzip-compressed CSV: downloadable however many there were."""

    __tablename__ = "import_problems"
    batch_id: str = Field(primary_key=True)
    problems: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Job(SQLModel, table=True):
    """A long task run in the background (a large import), with its progress and outcome."""

    id: str = Field(primary_key=True)
    kind: str  # import.schools | import.teachers
    status: str  # queued | running | done | failed
    step: str = ""
    steps_done: int = Field(default=0, sa_column_kwargs={"autoincrement": False})
    steps_total: int = Field(default=0, sa_column_kwargs={"autoincrement": False})
    created_by: str
    created_at: datetime = Field(sa_type=DateTime())
    started_at: datetime | None = Field(default=None, sa_type=DateTime())
    finished_at: datetime | None = Field(default=None, sa_type=DateTime())
    result: str | None = Field(default=None, sa_column=Column(Text))  # JSON: the import report, or the problem


class AuditEntry(SQLModel, table=True):
    """One change to the store or one decision, appended and never changed: who, when, what, and
    digests of the state before and after (service/domain/audit.py)."""

    __tablename__ = "audit_log"
    id: str = Field(primary_key=True)
    recorded_at: datetime = Field(sa_type=DateTime(), index=True)
    actor: str  # principal id, or "system" for background passes
    action: str  # e.g. import.teachers, records.teacher, request.approved, approval.granted
    entity: str
    entity_id: str
    before_digest: str | None = None
    after_digest: str | None = None
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
