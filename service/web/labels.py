"""The domain's words (statuses, classifications, sources, roles) in the page's language."""

from __future__ import annotations

ZH: dict[str, str] = {
    # form and request statuses
    "issued": "已下发", "opened": "已打开", "submitted": "已提交", "overdue": "已逾期",
    "draft": "草稿", "pending_approval": "待审批", "approved": "已批准", "ready": "可下发", "rejected": "已驳回",
    "rejected_duplicate": "重复，已拒绝", "answered": "已由数据库答复", "closed": "已完成",
    # field classifications
    "prefill_store": "数据库已有", "prefill_collected": "已采集", "collected_by_active": "正在采集", "new": "新增",
    # provenance sources and answer actions
    "import": "导入", "computed": "由教师记录计算", "form": "表单填报", "correction": "更正", "collected": "已采集",
    "store": "数据库", "confirm": "确认", "correct": "更正", "fill": "填报",
    # kinds, modes, levels, frequencies
    "statistical": "统计调查", "research": "调研", "administrative": "行政", "school": "学校", "roster": "教师名册",
    "department": "部门", "region": "地区", "once": "一次性", "monthly": "每月", "quarterly": "每季度",
    "termly": "每学期", "annual": "每年",
    "approval": "审批", "filing": "备案", "valid": "有效", "expired": "已过期", "revoked": "已撤销",
    "not yet valid": "尚未生效", "pending": "待审核", "accepted": "已接受",
    # reasons a request was stopped
    "duplicate": "重复采集", "answered_from_store": "由数据库答复", "unapproved": "未经批准",
    "out_of_scope": "超出批准范围", "altered": "批准后被修改",
    # roles
    "admin": "管理员", "statistics_office": "统计部门", "education_office": "教育部门",
    # field types
    "integer": "整数", "decimal": "小数", "text": "文本", "date": "日期", "boolean": "是/否", "enum": "代码",
}
EN: dict[str, str] = {
    "pending_approval": "awaiting approval", "rejected_duplicate": "refused as a duplicate",
    "answered": "answered from the store", "prefill_store": "in the store", "prefill_collected": "collected before",
    "collected_by_active": "being collected", "computed": "computed from teacher records",
    "answered_from_store": "answered from the store", "out_of_scope": "outside the approved scope",
    "altered": "changed after approval", "unapproved": "not approved", "statistics_office": "statistics office",
    "education_office": "education office", "boolean": "yes/no", "enum": "code",
}


def term(word: str | None, lang: str) -> str:
    """`word` in the page's language; a word without a label is shown as it is."""
    if word is None:
        return ""
    if lang == "en":
        return EN.get(word, word.replace("_", " "))
    return ZH.get(word, word)
