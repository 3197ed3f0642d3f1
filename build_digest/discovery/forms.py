"""What names look like: the organisational, zone, programme and role forms discovery reads.

Every rule decides from the form of a name (its head, its first token, the tokens around it),
never from a particular name. The lists are ordered longest first where a longer form must
win (股份有限公司 before 公司).
"""

from __future__ import annotations

# Heads of company names.
COMPANY_FORMS = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "银行", "分行", "支行",
    "合作社", "工厂", "事务所", "厂",
)
# Heads of institution names: government and party bodies, universities, institutes,
# laboratories, associations, media.
INSTITUTION_FORMS = (
    "人民代表大会常务委员会", "人大常委会", "人民代表大会", "政治协商会议", "管理委员会", "委员会", "管委会",
    "人民政府", "政府", "分局", "青年宫", "少年宫", "文化宫",
    "党委", "人大", "政协", "纪委", "监委", "经信委", "发改委", "发展改革委", "卫健委",
    "大学", "学院", "学校", "中学", "小学", "科学院", "工程院", "研究院", "研究所", "研究中心",
    "设计院", "实验室", "医院", "中心", "联合会", "协会", "学会", "研究会", "促进会", "商会",
    "联盟", "基金会", "科协", "博物馆", "科技馆", "图书馆", "展览馆", "工作站", "办公室",
    "工会", "总工会", "领导小组", "联合体", "纪念馆", "展示馆", "美术馆", "文化馆", "馆", "解放军",
    "省委", "市委", "县委", "区委", "州委", "厅", "局", "部", "署", "司", "院", "所", "处", "办", "社", "站", "台",
    "委", "会",
)
# Heads of government and party bodies: their names start with the place they govern, which
# the article thereby names too (徐州市科技局 names 徐州市).
GOVERNMENT_FORMS = (
    "人民代表大会常务委员会", "人大常委会", "人民代表大会", "政治协商会议", "管理委员会", "委员会", "管委会",
    "人民政府", "政府", "分局", "党委",
    "人大", "政协", "纪委", "监委", "经信委", "发改委", "发展改革委", "卫健委", "厅", "局", "委", "办公室",
)
# Bodies every province, city and county has, named by their level alone (省科协, 市政协, 县委).
LOCAL_BODIES = ("科协", "政协", "人大", "人大常委会", "总工会", "工会", "妇联", "团委", "委", "党委", "政府")
ORG_FORMS = tuple(sorted(COMPANY_FORMS + INSTITUTION_FORMS, key=len, reverse=True))
_COMPANY = set(COMPANY_FORMS)
# One-character heads are names only after a proper token ("科技厅", "发展和改革委"), never
# on their own word ("研究所" is a head, "所" alone in "所在" is not): see rules.py.
SHORT_HEADS = {form for form in ORG_FORMS if len(form) == 1}
# Boards of an organisation are part of it, not a body of their own (…联盟理事会).
BOARD_FORMS = ("理事会", "董事会", "监事会", "主席团")
# Departments inside an organisation (云南省科技厅 + 合作处): the head of a sub-unit.
SUB_UNIT_FORMS = (
    "处", "科", "室", "司", "办", "分院", "分公司", "分行", "学院", "研究所", "党委", "工会", "厂", "中心",
)
# A branch named after its parent's full name (某监督管理委员会 + 某地监管分局): one name.
BRANCH_FORMS = ("分局", "分行", "支行", "分公司", "分院", "分所", "分中心", "分会", "分校")
# Heads of organisations that have sub-units named after them (某大学某学院, 某研究所某分所,
# 某集团某公司): a name ending with one, followed by a sub-unit, names the parent too.
PARENT_FORMS = (
    "大学", "科学院", "工程院", "研究院", "研究所", "实验室", "集团", "股份有限公司", "有限责任公司", "有限公司",
    "公司", "银行", "学会", "协会", "联合会", "总署",
)
# Legal forms a company's name ends with (its name before them is the company too).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团股份有限公司", "集团公司", "公司")
# A group's company (新时代集团 + 浙江新能源材料有限公司) is one name; other complete names
# printed side by side are two (中国科学院近物所 + 甘肃省同位素实验室).
GROUP_FORMS = ("集团", "集团公司", "公司")

# Development zones and parks: regions without a statistics code, attached to their city.
ZONE_FORMS = tuple(sorted((
    "高新技术产业开发区", "经济技术开发区", "高新技术产业园区", "经济开发区", "高新区", "经开区", "开发区",
    "产业园区", "工业园区", "科技园区", "产业园", "工业园", "科技园", "软件园", "创业园", "物流园",
    "新区", "自贸区", "自由贸易试验区", "综合保税区", "保税区", "科学城", "科技城", "新城", "小镇",
    "示范区", "试验区", "集聚区", "高科技园区", "大湾区", "经济区", "经济带", "经济圈",
    "都市圈", "创新园", "创新城", "科创城", "科创园", "产业新城", "软件园",
), key=len, reverse=True))
# The bodies that run a zone (某某高新区管委会): their name names the zone too.
ZONE_ADMIN_FORMS = ("管委会", "管理委员会")
# A zone named by a short head and the long form it stands for: 兰州高新区 = 兰州高新技术产业开发区.
ZONE_LONG = {"高新区": "高新技术产业开发区", "经开区": "经济技术开发区"}

# Programmes, plans, campaigns, mechanisms, named events and awards.
PROGRAMME_FORMS = tuple(sorted((
    "工程", "行动", "计划", "规划", "战略", "机制", "专项", "平台", "制度", "试点", "大会", "会议",
    "博览会", "交易会", "洽谈会", "论坛", "峰会", "大赛", "竞赛", "活动周", "奖", "基金", "项目",
    "攻坚战", "行动计划", "工作会议", "示范项目", "基地", "城市群",
), key=len, reverse=True))
# Chinese numerals: slogans such as 一带一路, 六大行动 are named by their numbers.
NUMERALS = set("一二三四五六七八九十百千万两双")

# Posts that stand before a person's name in news text (记者 张三, 总经理 李四).
ROLE_FORMS = (
    "记者", "通讯员", "摄影", "作者", "编辑", "主任", "副主任", "书记", "副书记", "院士", "教授", "副教授",
    "研究员", "副研究员", "工程师", "局长", "副局长", "厅长", "副厅长", "处长", "副处长", "部长", "省长",
    "市长", "县长", "区长", "州长", "主席", "副主席", "代表", "委员", "常委", "董事长", "总经理", "经理",
    "总裁", "总监", "校长", "院长", "所长", "站长", "负责人", "专家", "理事长", "会长", "秘书长",
    "总经济师", "总工程师", "首席科学家", "博士", "种植户", "村民", "党组书记", "主委", "馆长", "社长",
)
ROLE_SUFFIXES = ("长", "员", "师", "书记", "主任", "代表", "委员", "院士", "教授", "记者", "经理", "主席")

# Common Chinese surnames (single and compound): a person's name starts with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝狄鹿干储"
)
COMPOUND_SURNAMES = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
}

# Words that begin no name: determiners and quantities before a head (该公司, 各高校, 多家企业).
NOT_A_NAME_START = set("该本各其这那此每某我你他她它全多一两几诸")
# ... except the state's own names, which start many national bodies' names (全国人大).
NATIONAL_STARTS = ("全国", "国家", "中国", "中央", "中华")
# Words that name a kind, not an organisation, when they are all there is before the head
# (产业研究院, 科技公司, 创新中心).
GENERIC_BODIES = {
    "产业", "技术", "科技", "研究", "工程", "创新", "国际", "科学", "重点", "相关", "有关", "地方", "当地",
    "省级", "市级", "县级", "国家级", "企业", "行业", "专业", "综合", "服务", "管理", "发展", "研发", "子",
    "分", "总", "新", "大型", "龙头", "骨干", "合作", "联合", "公共", "示范", "孵化", "工作",
}


# Words for kinds of bodies (企业和高校): a list of kinds, never part of one body's name.
BODY_KINDS = ("企业", "高校", "院校", "院所", "科研院所", "机构", "单位", "部门", "学校", "医院", "政府", "园区")


class _Heads:
    """The longest of some forms a name ends with, by set lookups of its last characters (one
    per distinct form length; most words are ruled out by their last character): discovery
    asks this of every word of every article."""

    def __init__(self, forms: tuple[str, ...]):
        self.forms = set(forms)
        self.lengths = sorted({len(form) for form in forms}, reverse=True)
        self.last_characters = {form[-1] for form in forms}

    def of(self, name: str) -> str | None:
        if name[-1:] not in self.last_characters:
            return None
        for length in self.lengths:
            if length <= len(name) and name[-length:] in self.forms:
                return name[-length:]
        return None


_ORG_HEADS, _ZONE_HEADS, _PROGRAMME_HEADS = _Heads(ORG_FORMS), _Heads(ZONE_FORMS), _Heads(PROGRAMME_FORMS)


def org_form(name: str) -> str | None:
    """The organisational head `name` ends with (longest), or None."""
    return _ORG_HEADS.of(name)


def org_type(name: str) -> str:
    """company or institution, from the head that ends the name (longest head wins)."""
    form = org_form(name)
    return "company" if form in _COMPANY else "institution"


def zone_form(name: str) -> str | None:
    return _ZONE_HEADS.of(name)


def may_end_zone(character: str) -> bool:
    """Whether a zone's head can end with this character (zone_form is None otherwise)."""
    return character in _ZONE_HEADS.last_characters


def may_end_organisation(character: str) -> bool:
    """Whether an organisation's head can end with this character (org_form is None otherwise)."""
    return character in _ORG_HEADS.last_characters


def programme_form(name: str) -> str | None:
    return _PROGRAMME_HEADS.of(name)


def role_of(word: str) -> bool:
    return word in ROLE_FORMS or (1 < len(word) <= 8 and word.endswith(ROLE_SUFFIXES))


def looks_like_person(name: str) -> bool:
    """Two to four Han characters starting with a surname."""
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return False
    return name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES


_GENERIC_LONGEST_FIRST = sorted(GENERIC_BODIES, key=len, reverse=True)


def only_generic_words(body: str) -> bool:
    """科技 (局), 产业技术 (研究院): the body is nothing but words for a kind, not a name."""
    while body:
        word = next((w for w in _GENERIC_LONGEST_FIRST if body.startswith(w)), None)
        if word is None:
            return False
        body = body[len(word):]
    return True
