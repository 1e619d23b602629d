"""Problems and refusals in the page's words and language. The domain says what went wrong as a
code with its figures (Problem.code, Problem.params; DomainError.reason); this catalogue words
each in Chinese and English. A problem without a code keeps the domain's English sentence, on an
English page, and a plain Chinese one on a Chinese page."""

from __future__ import annotations

from typing import Any

from service.domain.errors import DomainError, Problem

# code -> (zh, en); {name} takes Problem.params[name].
PROBLEMS: dict[str, tuple[str, str]] = {
    # pydantic's error types, for the fields of a page's form
    "missing": ("必填", "required"),
    "string_too_short": ("必填", "required"),
    "string_too_long": ("太长：最多 {max_length} 个字", "too long: at most {max_length} characters"),
    "date_from_datetime_parsing": ("请填写日期（年-月-日）", "give a date (YYYY-MM-DD)"),
    "date_parsing": ("请填写日期（年-月-日）", "give a date (YYYY-MM-DD)"),
    "date_type": ("请填写日期（年-月-日）", "give a date (YYYY-MM-DD)"),
    "int_parsing": ("请填写整数", "give a whole number"),
    "literal_error": ("请从列表中选择", "choose one of the list"),
    "enum": ("请从列表中选择", "choose one of the list"),
    "too_short": ("至少填写一项", "give at least one"),
    "value_error": ("填写有误", "not valid"),
    "greater_than_equal": ("不能小于 {ge}", "at least {ge}"),
    "less_than_equal": ("不能大于 {le}", "at most {le}"),
    "string_pattern_mismatch": ("格式不对", "not in the expected format"),
    "int_from_float": ("请填写整数", "give a whole number"),
    "too_long_list": ("太多", "too many"),
    "valid_until_before_valid_from": ("有效期止不能早于有效期起", "ends before it starts"),
    "reference_outside_period": ("统计时点须在统计期内", "the reference date must lie within the period"),
    "key_or_label": ("请填写字段名称", "give the field's wording"),
    # answers on a form
    "required": ("此项必须填写", "an answer is required"),
    "taken": ("该值已属于另一条记录（须唯一）", "another record already holds this value (it must be unique)"),
    "not_integer": ("请填写整数", "give a whole number"),
    "not_number": ("请填写数字", "give a number"),
    "not_date": ("请填写日期（年-月-日）", "give a date (YYYY-MM-DD)"),
    "below_min": ("不能小于 {min}", "cannot be less than {min}"),
    "above_max": ("不能大于 {max}", "cannot be more than {max}"),
    "negative": ("人数不能为负数", "a count cannot be negative"),
    "before": ("不能早于 {min}", "cannot be before {min}"),
    "after": ("不能晚于 {max}", "cannot be after {max}"),
    "not_yes_no": ("请选择“是”或“否”", "choose yes or no"),
    "not_in_code_list": ("请从列表中选择", "choose one of the list"),
    "too_long": ("太长：最多 {max_length} 个字", "too long: at most {max_length} characters"),
    "bad_format": ("格式不对", "not in the expected format"),
    "reason_required": ("改动了预填值，请说明更正原因", "you changed the pre-filled value: give the reason"),
    "uneditable": ("此项不能在表单上修改", "this cannot be changed on a form"),
    "breakdown_sum": ("“{total_zh}”各分项之和为 {sum}，与合计 {total} 不符",
                      "the parts of “{total_en}” add up to {sum}, not the total {total}"),
    "breakdown_exceeds": ("“{total_zh}”各分项之和为 {sum}，超过合计 {total}",
                          "the parts of “{total_en}” add up to {sum}, more than the total {total}"),
    # approvals
    "already_expired": ("有效期已过", "the approval would already be expired"),
    "ends_before_due": ("有效期须覆盖申请的截止日期 {due}", "must last until the request's due date {due}"),
    "form_number_required": ("统计调查表必须标明表号", "a statistical survey form must show its form number"),
    "field_not_asked": ("申请中没有这一字段", "the request does not ask this field"),
    "number_taken": ("该批准文号已用于另一申请", "this approval number already approves another request"),
    "school_outside_approval": ("学校 {value} 在申请范围内，但不在批准范围内",
                                "school {value} is in the request but not in the approved scope"),
    # scopes
    "region_outside": ("地区 {region} 不在管辖范围 {jurisdiction} 内", "region {region} is outside the jurisdiction {jurisdiction}"),
    "unknown_school": ("没有代码为 {school} 的学校", "no school {school}"),
    "school_outside": ("学校 {school} 不在管辖范围内", "school {school} is outside the jurisdiction"),
    # requests
    "unknown_key": ("数据字典中没有该字段；新字段请填写名称并选择类型", "not in the dictionary; for a new field give its wording and type"),
    "type_needed": ("数据字典中没有这一字段：请选择类型", "the dictionary does not know this field: choose its type"),
    "teacher_field_on_school_form": ("这是教师字段：请用教师名册填报，或改问统计指标",
                                     "a teacher field: ask it on a roster, or ask an indicator"),
    "indicator_on_roster": ("这是学校指标：请用学校表填报", "a school indicator: ask it on a school form"),
    "asked_twice": ("与第 {first} 项重复", "asks the same as field {first}"),
    "due_too_early": ("截止日期不能早于今天或统计时点", "the due date cannot be before today or the reference date"),
    "no_school_in_scope": ("该范围内没有学校", "no school lies in this scope"),
    "decision_reason": ("驳回须说明原因", "a rejection needs a reason"),
    # accounts
    "org_name_required": ("新单位须填写名称", "a new organisation needs its name"),
    "jurisdiction_required": ("新单位须填写管辖范围（地区代码，如 430000）",
                              "a new organisation needs its jurisdiction (a region code such as 430000)"),
    "unknown_region": ("没有代码为 {value} 的地区", "no region {value}"),
    # filters
    "not_a_date": ("请填写日期（年-月-日）", "give a date (YYYY-MM-DD)"),
    "date_outside": ("日期须在 {earliest} 至 {latest} 之间", "a date from {earliest} to {latest}"),
    "to_before_from": ("截止日期不能早于起始日期", "cannot be before the start"),
}

# DomainError.reason (or the error's class name) -> (zh, en): the line above the problems.
HEADLINES: dict[str, tuple[str, str]] = {
    "invalid_input": ("请修改标出的各项后重试，未保存任何内容。", "Please correct the marked items; nothing was saved."),
    "unauthenticated": ("令牌无效、已撤销或已过期。", "The token is unknown, revoked or expired."),
    "link_spent": ("该登录链接已使用、已过期或已被收回，请向管理员索取新链接。",
                   "This sign-in link was already used, has expired or was withdrawn: ask your administrator for a new one."),
    "forbidden": ("您无权进行此操作。", "You may not do this."),
    "not_found": ("没有找到，或您无权查看。", "Not found, or not yours to see."),
    "conflict": ("与当前状态冲突，请刷新后重试。", "This conflicts with the current state; reload and try again."),
    "duplicate_request": ("与正在进行的采集重复，已拒绝。", "Refused: it duplicates a collection under way."),
    "illegal_transition": ("当前状态下不能这样操作。", "Not possible in the current state."),
    "unapproved": ("尚未批准，不能下发。", "Not approved: it cannot be issued."),
    "altered": ("批准后申请已修改，须重新批准。", "Changed since its approval: it needs a new approval."),
    "expired": ("批准已过期或尚未生效，不能下发。", "The approval is not valid today: nothing was issued."),
    "out_of_scope": ("超出批准范围。", "Outside the approved scope."),
    "import_rejected": ("文件中有错误，未导入任何内容。", "The file has problems; nothing was imported."),
    "csrf": ("页面已过期，请刷新后重试。", "The page has expired; reload it and try again."),
    "store_conflict": ("另一个操作同时修改了相同的数据，请刷新后重试。",
                       "Another change touched the same data at the same moment; reload and try again."),
}


class Say:
    """Words for one page's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def _pick(self, pair: tuple[str, str], params: dict[str, Any]) -> str:
        text = pair[1] if self.lang == "en" else pair[0]
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text

    def problem(self, p: Problem) -> str:
        """One problem, worded for the item it is shown beside (so without its key)."""
        if p.code in PROBLEMS:
            return self._pick(PROBLEMS[p.code], {"value": p.value, **p.params})
        # No wording of its own: the domain's sentence on an English page; beside a field on a
        # Chinese page, a plain "not valid" (the field itself says which).
        return p.msg if self.lang == "en" else "填写有误"

    def problems(self, ps: list[Problem]) -> list[str]:
        """The problems of a list under a headline, once each. On a Chinese page those without a
        wording of their own are left to the headline, which already says what went wrong."""
        worded = [p for p in ps if p.code in PROBLEMS or self.lang == "en"]
        return list(dict.fromkeys(self.problem(p) for p in worded))

    def headline(self, exc: DomainError) -> str:
        for key in (exc.reason, type(exc).__name__.lower()):
            if key in HEADLINES:
                return self._pick(HEADLINES[key], {})
        if self.lang == "en":
            return exc.detail
        return {401: "请重新登录。", 403: "您无权进行此操作。", 404: "没有找到。", 409: "与当前状态冲突，请刷新后重试。",
                422: "请修改标出的各项后重试。"}.get(exc.status, "无法完成此操作。")
