"""The departments of a simulated year and what they ask schools, as their forms print it.

Every wording here is a department's own: titles, headers and labels as they appear on printed
forms and questionnaires in Hunan (Chinese, and English where an institute writes bilingually),
never dictionary keys. Nothing here is tuned to the service's reader: a wording the reader does
not understand is asked of schools anew, and the report counts it so.

Each collection says when it is sent, for which reference date and period, to which schools,
whether it needs an approval and whether the office grants it, and what it is meant to be:
`plain`, a `duplicate` of another department's live collection (the same cells, asked again),
or `unapproved` (a survey that never obtains its approval). The intent is the ground truth the
report holds the service to; the service never sees it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

Intent = Literal["plain", "duplicate", "unapproved"]
Decision = Literal["approve", "reject", "none"]


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short: str  # English, for the report


@dataclass(frozen=True)
class Ask:
    """One field as printed: its label, the headers above it (outermost first), its type."""

    label: str
    type: str = "integer"
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Collection:
    department: str
    title: str
    purpose: str
    kind: Literal["statistical", "research", "administrative"]
    level: Literal["school", "roster"]
    fields: tuple[Ask, ...]
    sent: date  # the day the department submits it
    reference: date
    due: date
    period: tuple[date, date] | None = None
    frequency: Literal["once", "monthly", "quarterly", "termly", "annual"] = "once"
    scope: dict[str, list[str]] = field(default_factory=dict)
    intent: Intent = "plain"
    decision: Decision = "approve"  # what the approving office does, when one must decide
    tag: str = ""  # names the collection in the report (stable across seeds)


# The wordings above (and their variants) that ask what no record in the store holds: events of
# the month or term, pupils, buildings, money, posts, opinions. The report uses this list, the
# ground truth the service never sees, to tell values schools fill because they are new from
# values the records hold but the reader did not read.
NEW_DATA = frozenset({
    "一键式紧急报警装置是否与公安机关联网", "上年公用经费实际支出（万元）", "专业技术岗位数", "专兼职团干部人数",
    "专职保安员人数", "共青团员人数", "其中：因传染病缺课人次", "农村留守儿童人数", "参加工作时间", "双语教师人数",
    "困境儿童人数", "孤儿人数", "少先队员人数", "少数民族学生人数", "工勤技能岗位数", "已整改隐患数",
    "您平均每天在校工作时长（小时） / Hours at school per day", "您最主要的压力来源",
    "您每周用于填写各类表格、报表的时间（小时） / Hours per week on forms and reports",
    "您每周的课时数是多少？ / Teaching periods per week",
    "您认为哪类非教学任务负担最重？ / Which non-teaching task weighs most?", "拟申报职称", "排查发现隐患数",
    "新招聘教师（人）", "是否开设民族文化校本课程", "本学期应急疏散演练次数", "本学期新入职教师人数", "本学期退休人数",
    "本学期退休教职工人数", "本月因病缺课学生人次", "本月晨检发现异常人数", "校医及保健教师人数", "校舍建筑面积（平方米）",
    "消防器材配备数量（具）", "班级数（个）", "管理岗位数", "绩效工资总额（万元）", "缺编教师数（按课程计划测算）",
    "能使用本民族语言授课教师人数", "视频监控摄像头数量（个）", "超重及肥胖学生人数", "近一个月睡眠不足6小时的天数",
    "近五年年度考核优秀次数", "近视学生人数", "高级岗位空缺数", "在职职工年平均工资（元）",
    "Do you intend to keep teaching in a rural school for the next five years?",
    "Number of county-level or higher trainings attended in the last three years",
})

PROVINCE = "430000"
STATS_OFFICE = Department("430000-stats", "湖南省统计局", "Provincial Statistics Bureau")
EDU_OFFICE = Department("430000-edu", "湖南省教育厅", "Provincial Education Department")

DEPARTMENTS = (
    Department("430000-edu-plan", "湖南省教育厅发展规划处（教育统计）", "education statistics"),
    Department("430000-edu-teachers", "湖南省教育厅教师工作与师范教育处", "teacher personnel"),
    Department("430000-health", "湖南省卫生健康委员会", "health"),
    Department("430000-hr", "湖南省人力资源和社会保障厅", "human resources"),
    Department("430000-civil", "湖南省民政厅", "civil affairs"),
    Department("430000-finance", "湖南省财政厅", "finance"),
    Department("430000-police", "湖南省公安厅", "public security"),
    Department("430000-youth", "共青团湖南省委员会", "youth league"),
    Department("430000-ethnic", "湖南省民族宗教事务委员会", "ethnic affairs"),
    Department("430000-emergency", "湖南省应急管理厅", "emergency management"),
    Department("430000-nies", "湖南省教育科学研究院", "education research institute"),
    Department("430000-hnnu", "湖南师范大学教育科学学院", "university research institute"),
)

RURAL = {"urban_rural": ["2"]}
SECONDARY = {"school_types": ["311", "312", "341", "342", "345"]}
XIANGXI = {"regions": ["433100"]}


def _i(label: str, *headers: str) -> Ask:
    return Ask(label, "integer", headers)


def _t(label: str, *headers: str) -> Ask:
    return Ask(label, "text", headers)


def _b(label: str, *headers: str) -> Ask:
    return Ask(label, "boolean", headers)


def _d(label: str, *headers: str) -> Ask:
    return Ask(label, "decimal", headers)


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def _pick(r: random.Random, *variants: tuple[Ask, ...]) -> tuple[Ask, ...]:
    """Departments word the same form a little differently from year to year: the seed picks."""
    return variants[r.randrange(len(variants))]


def _education_statistics(y: int, r: random.Random) -> list[Collection]:
    """The annual education statistics base forms (教育事业统计基层报表), approved by the
    statistics bureau; the time point is the start of the school year."""
    staff = (
        _t("学校名称"), _t("学校标识码"), _i("在校学生数（人）"),
        _i("合计", "教职工数"), _i("专任教师", "教职工数"), _i("行政人员", "教职工数"),
        _i("教辅人员", "教职工数"), _i("工勤人员", "教职工数"), _i("其中：女", "教职工数", "专任教师"),
        _i("正高级", "专任教师按专业技术职务分"), _i("副高级", "专任教师按专业技术职务分"),
        _i("中级", "专任教师按专业技术职务分"), _i("助理级", "专任教师按专业技术职务分"),
        _i("员级", "专任教师按专业技术职务分"), _i("未定职级", "专任教师按专业技术职务分"),
        _i("研究生毕业", "专任教师按学历分"), _i("本科毕业", "专任教师按学历分"),
        _i("专科毕业", "专任教师按学历分"), _i("高中阶段毕业", "专任教师按学历分"),
        _i("高中阶段毕业以下", "专任教师按学历分"),
        _i("24岁及以下", "专任教师按年龄分"), _i("25-29岁", "专任教师按年龄分"),
        _i("30-34岁", "专任教师按年龄分"), _i("35-39岁", "专任教师按年龄分"),
        _i("40-44岁", "专任教师按年龄分"), _i("45-49岁", "专任教师按年龄分"),
        _i("50-54岁", "专任教师按年龄分"), _i("55-59岁", "专任教师按年龄分"),
        _i("60岁及以上", "专任教师按年龄分"),
        _i("少数民族专任教师"), _i("在编教职工"), _i("聘任制教职工"),
        _i("班级数（个）"), _i("校舍建筑面积（平方米）"),
    )
    return [Collection(
        "430000-edu-plan", f"{y}年教育事业统计基层报表（学校基本情况及教职工情况）",
        "全省教育事业统计年报，按《教育统计报表制度》填报", "statistical", "school", staff,
        sent=date(y, 9, 8), reference=date(y, 9, 1), due=date(y, 10, 20), frequency="annual",
        tag="edu-annual-statistics")]


def _teacher_personnel(y: int, r: random.Random) -> list[Collection]:
    """Start-of-term staffing checks, and the title-review roster."""
    out = []
    for term, ref in (("春季", date(y, 3, 1)), ("秋季", date(y, 9, 1))):
        fields = _pick(r, (
            _i("专任教师数"), _i("在编教职工数"), _i("编外聘用人员数"),
            _i("本学期新入职教师人数"), _i("本学期退休教职工人数"), _i("缺编教师数（按课程计划测算）"),
        ), (
            _i("专任教师人数"), _i("编制内教职工"), _i("合同制教职工"),
            _i("新招聘教师（人）"), _i("本学期退休人数"), _i("缺编教师数（按课程计划测算）"),
        ))
        out.append(Collection(
            "430000-edu-teachers", f"{y}年{term}学期开学教师配备情况统计表", "开学初核查中小学教师配备和缺编情况",
            "administrative", "school", fields, sent=ref - timedelta(days=6), reference=ref, due=ref + timedelta(days=20),
            frequency="termly", tag=f"teachers-start-of-term-{ref.month}"))
    out.append(Collection(
        "430000-edu-teachers", f"{y}年乡村教师生活补助发放对象核定表", "核定乡村教师生活补助发放人数",
        "administrative", "school", (_t("学校名称"), _i("在职专任教师数"), _i("在编教职工数"), _i("其中：女")),
        sent=date(y, 11, 16), reference=date(y, 11, 1), due=date(y, 12, 5), scope=RURAL,
        tag="teachers-rural-allowance"))
    out.append(Collection(
        "430000-edu-teachers", f"{y}年度中小学教师职称评审申报摸底表", "摸清拟申报职称教师情况，编制评审计划",
        "administrative", "roster",
        (_t("姓名"), _t("身份证号"), Ask("性别", "enum"), _t("出生年月"), _t("现任专业技术职务"),
         _t("参加工作时间"), _t("拟申报职称"), _i("近五年年度考核优秀次数")),
        sent=date(y, 5, 11), reference=date(y, 5, 1), due=date(y, 6, 5), tag="teachers-title-roster"))
    return out


def _health(y: int, r: random.Random) -> list[Collection]:
    """Monthly sickness absence monitoring, and the annual physical health and eyesight survey."""
    out = []
    for m in (3, 4, 5, 6, 9, 10, 11, 12):
        end = _month_end(y, m)
        out.append(Collection(
            "430000-health", f"中小学生因病缺课监测月报表（{y}年{m}月）", "学校传染病和因病缺课监测",
            "administrative", "school",
            (_i("本月因病缺课学生人次"), _i("其中：因传染病缺课人次"), _i("本月晨检发现异常人数"),
             _i("在校学生数")),
            sent=end - timedelta(days=3), reference=end, period=(date(y, m, 1), end), due=end + timedelta(days=7),
            frequency="monthly", tag=f"health-monthly-{m:02d}"))
    out.append(Collection(
        "430000-health", f"{y}年学生体质健康与近视防控情况调查表", "全省儿童青少年近视和肥胖监测",
        "statistical", "school",
        _pick(r, (_i("在校学生数"), _i("近视学生人数"), _i("超重及肥胖学生人数"), _i("校医及保健教师人数"),
                  _i("专任教师数"), _i("其中：体育教师人数")),
              (_i("学生总数"), _i("近视学生人数"), _i("超重及肥胖学生人数"), _i("校医及保健教师人数"),
               _i("专任教师人数"), _i("其中：体育教师人数"))),
        sent=date(y, 10, 9), reference=date(y, 9, 30), period=(date(y, 9, 1), date(y, 10, 31)),
        due=date(y, 11, 15), frequency="annual", tag="health-eyesight-survey"))
    return out


def _hr(y: int, r: random.Random) -> list[Collection]:
    return [
        Collection(
            "430000-hr", f"{y}年事业单位工资统计年报（中小学）", "事业单位工资总额和人员结构统计",
            "statistical", "school",
            (_i("在职职工人数"), _i("在编教职工"), _i("专任教师数"), _i("正高级", "专任教师按职称分"),
             _i("副高级", "专任教师按职称分"), _i("中级", "专任教师按职称分"),
             _d("在职职工年平均工资（元）"), _d("绩效工资总额（万元）")),
            sent=date(y, 11, 10), reference=date(y, 10, 31), period=(date(y, 1, 1), date(y, 12, 31)),
            due=date(y, 12, 10), frequency="annual", tag="hr-wage-statistics"),
        Collection(
            "430000-hr", f"{y}年专业技术人才队伍统计表（中小学教师）", "全省专业技术人才队伍建设统计",
            "administrative", "school",
            (_i("专任教师数"), _i("正高级教师", "按职称分"), _i("高级教师", "按职称分"), _i("一级教师", "按职称分"),
             _i("二级教师", "按职称分"), _i("三级教师", "按职称分"), _i("研究生学历", "按学历分"),
             _i("本科学历", "按学历分"), _i("专科学历", "按学历分")),
            sent=date(y, 6, 15), reference=date(y, 6, 1), due=date(y, 7, 10), tag="hr-talent-statistics"),
        # Asked again in the spring without a filing with the statistics bureau: refused.
        Collection(
            "430000-hr", f"{y}年中小学教师岗位设置情况专项调查", "岗位设置管理专项调查",
            "statistical", "school",
            (_i("专业技术岗位数"), _i("管理岗位数"), _i("工勤技能岗位数"), _i("高级岗位空缺数")),
            sent=date(y, 4, 13), reference=date(y, 3, 31), due=date(y, 5, 15), intent="unapproved",
            decision="reject", tag="hr-post-survey-unfiled"),
    ]


def _finance_headcount(y: int, r: random.Random) -> list[Collection]:
    return [Collection(
        "430000-finance", f"{y}年中小学教职工编制和实有人数核对表", "核对财政供养人员，测算下半年工资资金",
        "administrative", "school",
        (_t("单位名称"), _i("教职工总数"), _i("在编人数"), _i("编外人数"), _i("在校学生数")),
        sent=date(y, 7, 6), reference=date(y, 6, 30), due=date(y, 7, 31), tag="finance-headcount-check")]


def _civil(y: int, r: random.Random) -> list[Collection]:
    out = []
    for term, ref in (("春季", date(y, 3, 10)), ("秋季", date(y, 9, 10))):
        out.append(Collection(
            "430000-civil", f"农村留守儿童和困境儿童信息摸底排查表（{y}年{term}）", "农村留守儿童关爱保护和困境儿童保障",
            "administrative", "school",
            (_i("农村留守儿童人数"), _i("困境儿童人数"), _i("孤儿人数"), _i("在校学生数")),
            sent=ref - timedelta(days=2), reference=ref, due=ref + timedelta(days=25), scope=RURAL,
            tag=f"civil-left-behind-{ref.month}"))
    return out


def _finance(y: int, r: random.Random) -> list[Collection]:
    return [Collection(
        "430000-finance", f"{y}年城乡义务教育经费保障机制基础数据表", "核定义务教育公用经费和教师工资保障资金",
        "administrative", "school",
        (_t("单位名称"), _i("在校学生数"), _i("教职工总数"), _i("在编教职工数"), _i("专任教师数"),
         _d("上年公用经费实际支出（万元）"), _d("校舍建筑面积（平方米）")),
        sent=date(y, 3, 16), reference=date(y, 3, 1), due=date(y, 4, 10), scope={"school_types": ["211", "218", "311", "312"]},
        tag="finance-compulsory-funding")]


def _police(y: int, r: random.Random) -> list[Collection]:
    return [Collection(
        "430000-police", f"{y}年秋季开学校园安全防范工作情况统计表", "秋季开学校园及周边安全检查",
        "administrative", "school",
        (_t("学校名称"), _t("学校地址"), _i("在校学生数"), _i("教职工数"), _i("专职保安员人数"),
         _b("一键式紧急报警装置是否与公安机关联网"), _i("视频监控摄像头数量（个）")),
        sent=date(y, 8, 26), reference=date(y, 9, 1), due=date(y, 9, 20), tag="police-campus-security")]


def _emergency(y: int, r: random.Random) -> list[Collection]:
    return [
        Collection(
            "430000-emergency", f"{y}年汛期校园安全隐患排查情况表", "汛期前校园安全隐患排查",
            "administrative", "school",
            (_t("学校名称"), _i("在校学生数"), _i("本学期应急疏散演练次数"), _i("消防器材配备数量（具）"),
             _i("排查发现隐患数"), _i("已整改隐患数")),
            sent=date(y, 4, 20), reference=date(y, 4, 30), period=(date(y, 4, 1), date(y, 5, 31)),
            due=date(y, 5, 20), tag="emergency-flood-season"),
        # Asked again in September while the police form with the same figures is live.
        Collection(
            "430000-emergency", f"{y}年秋季学期校园安全保卫力量统计", "秋季开学校园安全保卫力量摸底",
            "administrative", "school",
            (_i("专职保安员人数"), _b("一键式紧急报警装置是否与公安机关联网"), _i("视频监控摄像头数量（个）"),
             _i("在校学生数")),
            sent=date(y, 9, 3), reference=date(y, 9, 1), due=date(y, 9, 25), intent="duplicate",
            tag="emergency-security-duplicate"),
    ]


def _youth(y: int, r: random.Random) -> list[Collection]:
    return [
        Collection(
            "430000-youth", f"{y}年中学共青团组织和团员发展情况统计表", "基层团组织建设和团员发展",
            "administrative", "school",
            (_i("共青团员人数"), _i("少先队员人数"), _i("专兼职团干部人数"), _i("35岁以下专任教师"),
             _i("在校学生数")),
            sent=date(y, 10, 12), reference=date(y, 9, 30), due=date(y, 11, 5), scope=SECONDARY,
            tag="youth-league-members"),
        # The league's own left-behind children count, asked while civil affairs' spring one is live.
        Collection(
            "430000-youth", "“希望工程”留守儿童关爱行动摸底表", "留守儿童结对关爱",
            "administrative", "school",
            (_i("农村留守儿童人数"), _i("困境儿童人数"), _i("在校学生数")),
            sent=date(y, 3, 17), reference=date(y, 3, 10), due=date(y, 4, 10), scope=RURAL, intent="duplicate",
            tag="youth-left-behind-duplicate"),
    ]


def _ethnic(y: int, r: random.Random) -> list[Collection]:
    return [
        Collection(
            "430000-ethnic", f"{y}年民族地区学校民族团结进步教育情况统计表", "民族团结进步教育示范校创建",
            "administrative", "school",
            (_i("少数民族专任教师数"), _i("少数民族学生人数"), _b("是否开设民族文化校本课程"), _i("双语教师人数")),
            sent=date(y, 5, 6), reference=date(y, 4, 30), due=date(y, 5, 30), scope=XIANGXI, tag="ethnic-unity-education"),
        # A statistical survey the commission never files with the statistics bureau.
        Collection(
            "430000-ethnic", f"{y}年少数民族教师队伍状况统计调查", "少数民族教师队伍建设规划",
            "statistical", "school",
            (_i("少数民族专任教师数"), _i("其中：女"), _i("少数民族教师中具有高级职称人数"), _i("能使用本民族语言授课教师人数")),
            sent=date(y, 11, 2), reference=date(y, 10, 31), due=date(y, 11, 30), intent="unapproved", decision="none",
            tag="ethnic-teacher-survey-unfiled"),
    ]


def _edu_statistics_duplicate(y: int, r: random.Random) -> list[Collection]:
    """The education department's physical-health division asks its own eyesight figures while the
    health commission's survey is live."""
    return [Collection(
        "430000-edu-plan", f"{y}年秋季学生视力监测情况汇总表", "学生近视防控工作评议考核",
        "administrative", "school",
        (_i("近视学生人数"), _i("超重及肥胖学生人数"), _i("在校学生数")),
        sent=date(y, 10, 19), reference=date(y, 9, 30), period=(date(y, 9, 1), date(y, 10, 31)), due=date(y, 11, 20),
        intent="duplicate", tag="edu-eyesight-duplicate")]


def _edu_eyesight_assessment(y: int, r: random.Random) -> list[Collection]:
    """In December the education department's annual assessment of eyesight work uses the autumn
    figures again: by then the health commission's survey has collected them."""
    return [Collection(
        "430000-edu-plan", f"{y}年度儿童青少年近视防控工作评议考核数据表", "省政府对市州近视防控工作评议考核",
        "administrative", "school",
        (_i("在校学生数"), _i("近视学生人数"), _i("超重及肥胖学生人数")),
        sent=date(y, 12, 7), reference=date(y, 9, 30), period=(date(y, 9, 1), date(y, 10, 31)), due=date(y, 12, 25),
        tag="edu-eyesight-assessment")]


def _research(y: int, r: random.Random) -> list[Collection]:
    burden = (
        Ask("您的性别 / Gender", "enum"), Ask("您的年龄 / Age", "integer"),
        Ask("您的最高学历 / Highest education", "enum"), Ask("您目前的职称 / Professional title", "enum"),
        _i("您每周的课时数是多少？ / Teaching periods per week"),
        _d("您平均每天在校工作时长（小时） / Hours at school per day"),
        _d("您每周用于填写各类表格、报表的时间（小时） / Hours per week on forms and reports"),
        _t("您认为哪类非教学任务负担最重？ / Which non-teaching task weighs most?"),
    )
    rural = (
        Ask("Gender", "enum"), Ask("Date of birth", "date"), Ask("Years of teaching", "integer"),
        Ask("Highest education", "enum"), Ask("Professional title", "enum"),
        _i("Number of county-level or higher trainings attended in the last three years"),
        _b("Do you intend to keep teaching in a rural school for the next five years?"),
    )
    return [
        Collection(
            "430000-nies", f"{y}年全省中小学教师队伍结构研究——教师基本信息表", "教师队伍结构与补充机制研究",
            "research", "roster",
            (_t("姓名"), Ask("性别", "enum"), _t("出生年月"), Ask("民族", "enum"), Ask("最高学历", "enum"),
             Ask("专业技术职务", "enum"), Ask("任教学科", "enum")),
            sent=date(y, 9, 14), reference=date(y, 9, 1), due=date(y, 10, 10), tag="research-teacher-structure"),
        Collection(
            "430000-nies", f"{y}年全省中小学教师工作负担调查问卷 / Teacher Workload Survey {y}",
            "教师减负政策评估研究", "research", "roster", burden,
            sent=date(y, 4, 7), reference=date(y, 4, 1), due=date(y, 5, 8), scope={"school_types": ["211", "311", "342"],
                                                                                     "urban_rural": ["12", "22"]},
            tag="research-workload-questionnaire"),
        Collection(
            "430000-hnnu", f"Rural Teachers' Professional Development Questionnaire ({y})",
            "A study of rural teachers' professional development and retention", "research", "roster", rural,
            sent=date(y, 10, 26), reference=date(y, 10, 15), due=date(y, 11, 25), scope={"urban_rural": ["22"]},
            tag="research-rural-teachers"),
        # The institute's second questionnaire, which the education department does not approve.
        Collection(
            "430000-hnnu", f"中小学教师心理健康状况调查（{y}）", "教师心理健康研究", "research", "roster",
            (Ask("性别", "enum"), Ask("年龄", "integer"), _i("近一个月睡眠不足6小时的天数"), _t("您最主要的压力来源")),
            sent=date(y, 6, 2), reference=date(y, 6, 1), due=date(y, 6, 30), intent="unapproved", decision="reject",
            tag="research-wellbeing-unapproved"),
    ]


def collections(year: int, r: random.Random) -> list[Collection]:
    """Every collection of the year, in the order departments send them."""
    out: list[Collection] = []
    for make in (_education_statistics, _teacher_personnel, _health, _hr, _civil, _finance, _finance_headcount, _police, _emergency,
                 _youth, _ethnic, _edu_statistics_duplicate, _edu_eyesight_assessment, _research):
        out += make(year, r)
    return sorted(out, key=lambda c: (c.sent, c.tag))
