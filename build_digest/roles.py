"""What a single line is, judged on its own text: the vocabulary of page layout.

`shape_of` sorts a line into one of a few classes (`Shape`) from its length and form, how it
ends, the dates and fields in it, its share of Chinese text and separators, and the classes
of page furniture every Chinese news page shares (navigation, widgets, edition headers,
credits, captions, notices). `segment.py` then places each line among its neighbours.
The patterns are classes of wording, never strings taken from particular pages; they read
the `match` form of a line (simplified script, half-width punctuation), so one rule serves
both scripts. Names in the examples below are invented.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from build_digest.discovery.forms import looks_like_person
from build_digest.textutil import ends_sentence, han_count

SHAPE_CACHE = 1 << 16  # distinct lines whose shape is remembered


class Shape(StrEnum):
    FURNITURE = "furniture"  # menus, widgets, notices, junk: never article text
    METADATA = "metadata"  # fields (来源/作者/发布时间), date lines, edition stamps
    BYLINE = "byline"  # who wrote it, on a line of its own
    CAPTION = "caption"  # a photo's caption or credit
    STANDFIRST = "standfirst"  # a labelled summary (摘要/内容提要) set above the story
    TAG = "tag"  # a bracketed column or campaign tag on its own line: 【专栏】
    FIGURE = "figure"  # a figure set large as a pull-quote: 20亿元!
    SHORT = "short"  # headline-shaped: a headline, kicker, label or crosshead
    TEXT = "text"  # running text


HAN = r"\u4e00-\u9fff"
NAME = rf"[{HAN}·]{{2,4}}"
# Staff words, optionally after the medium's name: 本报记者, 某某日报记者, 特约撰稿人
STAFF = (
    rf"(?:本报|本刊|本台|本网|[{HAN}·\-]{{1,14}}?)?"
    r"(?:特约|首席|见习|全媒体|融媒体|融媒|驻[\u4e00-\u9fff]{1,4})?"
    r"(?:记者|通讯员|实习生|摄影|撰稿|撰文|作者|编辑|特约撰稿人)"
)
# names listed with spaces, 、 or commas
NAMES = rf"{NAME}(?:\s*[、,]\s*{NAME}|\s+{NAME})*"

# 本报2月27日讯, 某某日报讯, 某某网滨江4月3日电, 【某某商报网讯】, 本报讯
# A place is only read as a place when a date follows it: 某某商报网讯 is one organisation.
DATELINE = re.compile(
    rf"^\s*[【\[]?(?P<org>[{HAN}A-Za-z]{{0,12}}?(?:报|社|网|台|刊|客户端|时刻|新闻))"
    rf"(?:(?P<place>[{HAN}]{{1,6}}?)(?=\d))?"
    r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?:(?P<day>\d{1,2})日)?"
    r"(?:电|讯|消息)[】\]]?\s*"
    r"(?:[((](?P<credit>[^()()]{1,40})[))])?"
)
# 某某网记者某某5月13日报道: / 某某网北京5月13日报道: a web dateline, the reporter before the date
REPORTED_DATELINE = re.compile(
    rf"^\s*(?P<org>[{HAN}A-Za-z]{{1,12}}?(?:报|社|网|台|刊|客户端|新闻))"
    rf"(?:(?:记者|通讯员)\s*(?P<credit>[{HAN}]{{2,4}}))?(?P<place>[{HAN}]{{1,6}}?)??"
    r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯)?\s*报[道导]\s*[:,]\s*"
)
# 记者 某某 报导: after a dateline
REPORTED_BY = re.compile(rf"^\s*(?P<credit>{STAFF}\s*{NAME}(?:\s*[、,]\s*{NAME})*)\s*报[道导][:,]?")
# 某某 长春报道 inside a dateline's brackets: the reporter with the place
_PLACE_REPORT = re.compile(rf"\s+[{HAN}]{{2,4}}报[道导]\s*$")

# 社会中心/综合报导, 记者某某/台北报导: a desk or a reporter, a slash, where the report comes from
DESK_CREDIT = re.compile(rf"^(?:{STAFF})?\s*[{HAN}]{{2,6}}\s*[/／]\s*[{HAN}]{{0,6}}报[导道]$")
BYLINE_MARKS = "□◎■●▲△○"
_BYLINE_TOKEN = re.compile(rf"^(?:{STAFF}|{NAME}|[{BYLINE_MARKS}]+|文|图|文图|报道|报导|摄影报道)$")
BRACKETED_CREDIT = re.compile(rf"^[((]\s*(?:{STAFF})?\s*{NAME}(?:\s*[、, ]\s*(?:{STAFF})?\s*{NAME})*\s*[))]$")
# A story closes with its writer's name in brackets: …具有重要意义。(某某) / …。(记者 某某、某某)
CLOSING_CREDIT = re.compile(
    rf"(?<=[。!?”\"])\s*[((](?P<credit>(?:{STAFF}\s*)?{NAME}(?:\s*[ 、,]\s*(?:{STAFF}\s*)?{NAME})*)[))]\s*$"
)
# 《某某日报》( 2020年01月01日 03 版): an e-paper's edition stamp
EDITION_STAMP = re.compile(r"《\s*[^》]{2,12}\s*》\s*[((]\s*\d{4}[^()()]{0,30}[))]\s*$")

# Photo credits and caption wording. A caption names the photographer or the picture's source
# at its end (某某 摄, 受访者供图, 资料图片, 网上图片), or is introduced as a picture (图为…).
# Each branch of the end and anywhere patterns begins with a literal character or one class,
# so the engine jumps to where one stands (a caption test runs on every line of every page).
_PICTURE_END = r"(?:图片|照片|图)\s*$"
CAPTION_END = re.compile(
    r"供图[))]?\s*$"  # whoever gave it: 受访者供图, 某某公司供图
    r"|摄影?\s*[))]?\s*$"
    + "".join(f"|{source}{_PICTURE_END}" for source in ("网上", "网络", "资料", "新华社", "视觉中国"))
    + "".join(f"|{where}截图\\s*[。.]?\\s*$" for where in ("报道", "网站", "页面", "视频"))
    + r"|新华社发\s*$|中新社发\s*$"
)
CAPTION_ANYWHERE = re.compile(r"[((](?:(?:[^()()]{0,20}[,,])?(?:本报)?资料(?:图|图片|照片)|摄于[^()()]{0,30})[))]")
CAPTION_START = re.compile(
    r"\s*[((]?本文图片"
    r"|\s*[◎●▲△■□]?\s*(?:上|下|左|右|左上|右上|左下|右下)?图\s*[①-⑳\d一二三四五六七八九十]*\s*(?:为|:)"
    r"|\s*\S{0,10}图。\s*来源"
    r"|\s*(?:图片|图)\s*(?:来源|来自|提供)\s*[:]"
)
IMAGE_FILE = re.compile(r"^\S{1,60}\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.IGNORECASE)
# A photo of a speaker is captioned with a post and a name: 某厅副厅长某某 / 某处处长某某主持发布会
_POST = r"(?:长|主任|书记|院士|主席|经理|董事长|代表|委员|教授|研究员|专家|工程师|负责人|总裁|总监)"
# Common family names: a post followed by one of them reads as a person, not as 委员会 or 工作站.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
PERSON_NAME = rf"[{SURNAMES}][{HAN}]{{1,2}}"
PERSON_CAPTION = re.compile(
    rf"{_POST}\s*{PERSON_NAME}(?:\s*(?:主持|讲话|发言|致辞|介绍|出席|参观|调研|接受采访|回答)[{HAN}]{{0,6}})?\s*$"
)

# Site notices: copyright, licences, disclaimers, contact blocks, breadcrumbs. Every branch
# here begins with a literal character, so the engine jumps to where one stands instead of
# trying every branch at every position of a long paragraph (the branches that need the start
# or the end of the line are in the two patterns below).
BOILERPLATE = re.compile(
    r"免责声明|版权所有|版权.{0,12}声明|Copyright|©|ICP[备证]|网警备案|公网安备|违法和不良信息|举报(?:电话|邮箱|中心)"
    # reprint and rights notices
    r"|本文首发于|转载申请|侵权行为|侵犯了?(?:您的)?(?:权益|版权)|如有侵权|删除相关内容"
    r"|不代表本网|不代表.{0,12}(?:观点|立场)|本网(?:转载|声明)|转载请|原文出处|本声明|未经(?:书面)?授权"
    r"|您(?:当前|现在)?(?:的|所在)?位置|当前位置|首页\s*[>›»\-/]|>>"
    r"|主办单位|主\s?办\s*:|联系电话|主管\s+.{0,20}主办\s*$|_fororder_"
    # template placeholders a page was saved with: {webname}, ----年--月--日
    r"|\{[A-Za-z_]+\}|--+年-+月"
    # a site's technical notices: screen resolution, browser advice, site codes
    r"|分辨率|网站标识码|技术支持\s*[:]"
)
BOILERPLATE_START = re.compile(
    # a statement on one line, a WeChat account's box, a breadcrumb's first step
    r"\s*声明\s*:|\s*(?:微信号|功能介绍)\s|\s*[>›»]|\s*/\s+\S"
    # breadcrumbs: two steps or more, or one step between short names
    r"|(?:[^>»›。,]{1,20}\s*[>»›]\s*){2,}|[^>。,\d%]{1,12}\s*>\s*[^>。,\d%]{1,12}$"
    r"|\s*承办:|\s*地址:|\s*邮编|\S{2,20}(?:主管|主办)\s*$|\s*[((]完[))]\s*$"
)
BREADCRUMB_END = re.compile(r"(?:[>›»]|\s)\s*正文\s*$")  # …> 正文
# Page widgets: furniture only when the line is short (a story about printing or sharing is news).
WIDGET = re.compile(
    r"网站(?:首页|地图)|回到顶部|返回顶部|支持IPv6|我要评论|分享(?:到|文章)|扫一扫|扫描二维码|二维码"
    r"|手机(?:版|看)|移动版|客户端下载|下载客户端|关注我们|打印本页|关闭窗口|【?打印】?|E-?mail|选择字号|字号|字级|复制链接|链接复制成功"
    r"|自动播放|^play\b|向前\s*向后|全屏播放|视频加载|订阅|个人中心|[帐账]号设置|意见反馈|退出登录"
    r"|更多>>|上一(?:版|篇|期|页)|下一(?:版|篇|期|页)|往期回顾|返回目录|标题导航|版面导航|全文复制|放大图片|查看大图|查看原图"
    r"|使用浏览器|浏览器(?:分享|打开|下方|右上角)|分享功能|字体\s*[:]|第\s*\d+\s*页|共\s*\d+\s*页"
    # counters: 阅读 100 / 浏览次数:20 / 评论(3)
    r"|(?:阅读|浏览|点击|评论|点赞|收藏|转发|访问)(?:量|数|次数)?\s*[:(]?\s*\d+"
    r"|浏览(?:量|次数|次)|阅读(?:量|数|次数)|点击(?:数|量|率)|字数|朋友圈|微信好友|正在阅读"
    r"|加载中|请稍候|请刷新|刷新本页|无响应|点击(?:右上角|浏览器|查看|进入|这里|阅读|看大图)|看大图"
    # injected gambling spam
    r"|老虎机|赌场|博彩|百家乐|娱乐城|赢钱|下注"
    # accessibility switches and app promotions
    r"|无障碍|长者模式|关怀版|适老化|(?:APP|App|客户端)\s*$",
    re.IGNORECASE,
)
WIDGET_MAX = 40  # characters: a share bar or counter row is short; a sentence naming 分享 is not
# Navigation words that make up a short line on their own: 搜索, 相关新闻 相关阅读, 热门推荐
FURNITURE_WORD = re.compile(
    r"^\d*(?:搜索|登录|注册|首页\w{0,8}|English|官方(?:微博|微信)(?:平台|号|公众号)?|(?:微信)?公众号|微信|微博|客户端|电子报|数字报|立即打开|打开|APP|App"
    # a WeChat article's frame: 发表于 / 收录于合集 over the account's 微信号 and 功能介绍
    r"|发表于|收录于(?:合集|话题)|原创|\S{1,8}(?:网|报|台|社|新闻)(?:官方)?(?:微博|微信|公众号|客户端)"
    # where a share bar sends the page: 腾讯QQ QQ空间 / 豆瓣 / 人人网
    r"|举报|(?:腾讯)?QQ(?:空间|好友)?|(?:新浪|腾讯)微博|微信朋友圈|豆瓣|人人网|Facebook|Twitter|LinkedIn|WhatsApp"
    r"|图片|视频|默认|(?:放大|缩小)(?:字体|字号)?|图片新闻|热点新闻|相关(?:新闻|阅读|文章|论文|链接|报道|稿件|专题)|推荐阅读|延伸阅读|专题|热门标签|标签"
    r"|\S{0,6}推荐\S{0,2}|\S{0,8}(?:新闻|点击|阅读|评论|热度)排行榜?"
    r"|更多(?:>>|新闻|内容|资讯|报道|精彩\S{0,6})?|\S{0,10}请关注|扫码\S{0,6}|返回|关闭|分享|收藏|评论|\|)$"
)
# Symbols alone on a line: a button or a bullet (×, ▲, ☰), never text; an ellipsis (……) is
# a passage left out, which the text keeps.
SYMBOLS_ONLY = re.compile(r"^[^\w…。.!?]+$")
FOREIGN_LABEL_MAX = 24  # characters: a menu item or a button in Latin, Cyrillic, Arabic or Hangul
WEB_ADDRESS = re.compile(r"https?://|www\.[A-Za-z0-9-]+\.|\b[A-Za-z0-9-]+\.(?:gov|com|net|org|edu)\.cn\b")
URL_PATH = re.compile(r"(?:/[A-Za-z0-9_.\-]+){2,}")
URL_PATHS_MIN = 2  # one address in a line may be a sentence's; two without a full stop are links
SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff](?: [\u4e00-\u9fff])*\s*:)")
ICON_GLYPHS = re.compile("[\ue000-\uf8ff]+")
COUNT = re.compile(r"^\d{1,3}(?:,\d{3})*$")
FURNITURE_WORDS_MAX = 40  # characters: a row of navigation words or a share bar
# Contact lines a site prints around the story: 热线:0000-12345678 / 邮箱:name@example.org
CONTACT = re.compile(r"^\s*(?:热线|电话|传真|邮箱|信箱|E-?mail|投稿)\s*[::]?\s*[\w.@\-()]{5,}\s*$", re.IGNORECASE)
# An e-paper's page label or edition header: 第04版:科技 / A4版 / 第3版
EDITION_LABEL = re.compile(r"^\s*(?:第\s*[A-Z]?\d{1,3}\s*(?:版|[::])|[A-Z]\d{1,2}\s*版|\d{1,2}\s*版\s*[::])")
# A dated masthead or archive line: 某某日报 2020年1月6日 星期一 / …出版 / 数据库(1950-2020)
DATED_WEEKDAY = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]")
YEAR_RANGE = re.compile(r"[((]?(?:19|20)\d{2}\s*[-—~至]\s*(?:19|20)\d{2}[))]?")
# A date with a clock time: a page's publication stamp wherever it sits (2023-01-31 16:05)
DATE_TIME = re.compile(r"(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")
DATE_TIME_LINE_MAX = 40  # a longer line with a stamp in it is a sentence that mentions a time

# A field label left without its value on the line: 作者: / 来源: / 【摘要】:
FIELD_LABEL = re.compile(
    r"^\s*[【\[]?(?:作者|来源|编辑|责任编辑|责编|发布(?:时间|日期)|时间|日期|稿源|出处|摘要|内容提要|提要|导语)"
    r"[】\]]?\s*[:]?\s*$"
)
SUMMARY_LABEL = re.compile(r"^\s*[【\[]?(?:摘要|内容提要|提要|导语|内容摘要)[】\]]?\s*[:]?")
STANDFIRST = re.compile(SUMMARY_LABEL.pattern + r"\s*\S")
# Field names a page prints with their values; 原标题/原题 repeat the headline as printed first.
FIELD = (
    r"(?:(?:发布|发表|更新)(?:时间|日期)|时间|日期|(?:本文|文章|新闻|信息|稿件)?来源于?|分类|作者|编辑|责任编辑|责编|稿源|出处|原标题|原题"
    r"|审核|校对|初审|复审|终审|二审|三审|一审|监制|索引号|文号|发文字号|发布机构|发文机关|发文日期|成文日期|主题分类"
    r"|公开方式|有效性|生效日期)"
)
METADATA = re.compile(
    rf"^\s*{FIELD}\s*[:】]"
    r"|^\s*[((【\[]?责任编辑|^\s*《\s*[^》]{2,12}\s*》\s*[((]\s*\d{4}"
    # (据某某电视台) / (来源:某某网): where the story was taken from
    r"|^\s*[((]\s*(?:据|来源[:]|转自|摘自|稿件来源)[^()()]{1,24}[))]\s*$"
    # a document number: 某科发〔2024〕12号
    r"|^\s*\S{0,12}[〔\[((]\s*(?:19|20)\d{2}\s*[〕\]))]\s*\d{1,4}\s*号\s*$"
    r"|^\s*[\u4e00-\u9fff]{2,10}\s+\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s+星期.)?\s*$"
    r"|^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    # a date first, then a time or other fields: 2020-01-06 08:30:00来源:…
    r"|^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*(?:\d{1,2}:\d{2}|星期|来源|作者|编辑|稿源)"
    r"|^\s*转自[:]"
)
# Several fields on one line, separated by | or wide spaces: 2020-01-06 | 来源:某报 | 编辑:某某
FIELD_ANYWHERE = re.compile(rf"(?:^|[\s|｜\d]){FIELD}\s*[:]")
BARE_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*$")
# Fields glued before a paragraph: 来源:某某 发布时间:2020-01-06 某地…
GLUED_FIELDS = re.compile(rf"^(?:\s*{FIELD}\s*[:]\s*[^\s:]{{1,24}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)+\s+")
# A credit inside a metadata line: 作者:某某 某某 / 驻某地记者 某某
METADATA_CREDIT = re.compile(
    rf"作者\s*[:]\s*(?P<author>{NAMES})(?=$|[\s,;]|来源|编辑|责编|发布|时间)"
    rf"|(?P<staff>(?:本报|本刊|本网)?(?:特约|首席|见习|驻[{HAN}]{{1,4}})?(?:记者|通讯员)\s*{NAMES})"
    r"(?=$|[\s,;]|来源|编辑|责编)"
)
STAMP_FIELD = r"(?:(?:发布|发表|更新)?(?:时间|日期))\s*[:]\s*"  # 发布时间: / 发表日期: / 时间:
PUBLISHED_AT = re.compile(STAMP_FIELD + r"(?P<y>\d{4})[-年./](?P<m>\d{1,2})[-月./](?P<d>\d{1,2})")
# 发布时间:09-30 22:46, a stamp that leaves the year out
STAMP_MONTH_DAY = re.compile(STAMP_FIELD + r"(?P<m>\d{1,2})[-/.月](?P<d>\d{2}|\d(?!\d))")
SOURCE_FIELD = re.compile(r"来源\s*[:]\s*(?P<pub>[^\s:|]{2,20}?)(?=编辑|责编|作者|日期|时间|\s|\||\d{4}|$)")
ANY_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")
# A date in English, as some sites print their stamp: September 10th, 2005 / 10 Sep 2005
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTH = "(?:" + "|".join([*_MONTH_NAMES, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
                           "nov", "dec"]) + r")\.?"
ENGLISH_DATE = re.compile(
    rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\s+(?P<y2>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)


def english_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written in English, or None."""
    found = ENGLISH_DATE.search(text)
    if not found:
        return None
    month = (found.group("mon") or found.group("mon2")).lower()[:3]
    day = int(found.group("d") or found.group("d2"))
    return int(found.group("y") or found.group("y2")), [m[:3] for m in _MONTH_NAMES].index(month) + 1, day


# 2.06亿元 / 190.1亿元! : a figure set large as a pull-quote
FIGURE_ONLY = re.compile(r"^\s*[约近超逾]?\d[\d.,]*\s*(?:%|亿元|万元|元|亿|万|家|项|个|人|名|吨|倍)?\s*[!!]?\s*$")
MENU_SEPARATORS = re.compile(r"\s*[|｜·•/]\s*|\s{2,}|\t|\s*-\s+|\s+-\s*")
MENU_SEPARATOR_MARK = re.compile(r"[|｜·•/\t-]|\s\s")  # what every separator holds
MENU_ITEM_MAX = 8  # characters of one navigation item
MENU_ITEMS_MIN = 4  # items in a row of separated links
SHORT_MENU_ITEMS_MIN = 4  # two-character words in a row (行情 股吧 新闻 外汇): a menu, never a headline
SPACED_MENU_ITEMS_MIN = 5  # a row of words split by single spaces: a headline has two or three
JUNK = re.compile(r"[A-Za-z0-9+*&^%$#@!~`=\\/{}\[\]<>;:'\"()?,.\-_| ]")
# Anti-scraping noise glued to a paragraph: a run of 1-3 character ASCII scraps (x; Q( 7& k) …)
LEADING_JUNK = re.compile(r"^\s*(?:[!-~]{1,3}\s+){4,}")
TRAILING_JUNK = re.compile(r"(?:\s+[!-~]{1,3}){4,}\s*$")
# A site's name set around a web page's headline: 某某客户端 | 标题 / 标题_某某网
SITE_PREFIX = re.compile(rf"^\s*[{HAN}A-Za-z]{{1,10}}(?:客户端|网|报|社|台|频道|在线|新闻|APP)\s*[|｜]\s*")
SITE_SUFFIX = re.compile(rf"\s*(?:[|｜_]|\s-\s)\s*[{HAN}A-Za-z]{{1,10}}(?:客户端|网|报|频道|在线)\s*$")
SITE_SUFFIX_MARK = re.compile(r"[|｜_-]")  # what SITE_SUFFIX cannot match without
# Decoration after a headline (******, ====) and table-cell bars around a line
DECORATION_MARKS = "*#=~_"
TRAILING_DECORATION = re.compile(rf"\s*[{re.escape(DECORATION_MARKS)}]{{3,}}\s*$")
CELL_BARS = re.compile(r"^\s*\|+\s*|\s*\|+\s*$")
# 【专题名】 / [栏目]: a bracketed tag that names a column or a campaign
TAG_LINE = re.compile(r"^\s*[【\[][^】\]]{1,30}(?:[】\]]\s*)?$")
# —— 某某 / ——记某某: a subtitle (副题) hangs under its headline on a dash
SUBTITLE_DASH = re.compile(r"^\s*(?:——|—|─{1,2}|--)")
# A headline ending in a bracketed column name: …新动能(科技观察)
COLUMN_SUFFIX = re.compile(rf"[((][{HAN}]{{2,6}}[))]\s*$")
# (引题)/(主题)/(副题): a reprint's note on which line of the headline stack this was
DECK_NOTE = re.compile(r"\s*[((](?:引题|主题|副题|肩题|眉题|小标题)[))]\s*")
# 【焦点】 set before a headline on its line: the column's name, not the headline
LEADING_TAG = re.compile(r"^\s*[【\[](?P<tag>[^】\]]{1,8})[】\]]\s*")
ORIGINAL_TITLE = re.compile(r"^\s*(?:原标题|原题)\s*[:]\s*(?P<title>.+)$")
# A headline printed again elsewhere on the page: 正在阅读: / 原标题: / 原题: / > / 【tag】
HEADLINE_ECHO = re.compile(r"^\s*(?:正在阅读|原标题|原题|标题)\s*[:]\s*|^\s*[>›»]+\s*|^\s*[【\[][^】\]]{1,16}[】\]]\s*")

GLUED_FIELD_MIN = 80  # a metadata line is short; one this long that ends a sentence is a paragraph
LINK_LIST_ITEMS_MIN = 3  # headlines run together on one line, split by spaces
LINK_ITEM_MIN_HAN = 6  # each a headline's worth of words (when clause punctuation is present)
LINK_SEPARATORS = re.compile(r"\s+|_|\||｜|(?<=[^\s])[·•](?=\S)")
# Headline fields a page prints as "label: value": 范围:全市 / 类别:通知
FIELD_SHAPED = re.compile(rf"^[{HAN}]{{2,4}}\s*[:]\s*\S.{{0,5}}$")
COUPLET_HALF_MIN = 3  # characters in each half of a two-phrase headline
COUPLET_SLACK = 3  # the halves balance, give or take a word
SHORT_MAX = 40  # a longer line is running text (no headline in these papers runs past 40 characters)


@dataclass(frozen=True)
class Dateline:
    org: str
    place: str
    year: int | None
    month: int | None
    day: int | None
    credit: str | None
    end: int  # characters the dateline (and its credit) take at the start of the line


def dateline(text: str) -> Dateline | None:
    found = DATELINE.match(text)
    if not found:
        reported = REPORTED_DATELINE.match(text)
        if not reported:
            return None
        year, month, day = (int(reported.group(g)) if reported.group(g) else None for g in ("year", "month", "day"))
        return Dateline(reported.group("org"), reported.group("place") or "", year, month, day,
                        reported.group("credit"), reported.end())
    org = found.group("org")
    # A dateline names a publication or agency; a sentence that merely contains 讯/电 does not.
    if not (org.startswith(("本报", "本刊", "本台", "本网")) or len(org) >= 2):
        return None
    if found.group("place") and not (found.group("month") or found.group("day")):
        return None
    credit = found.group("credit")
    end = found.end()
    reported = REPORTED_BY.match(text[end:])
    if reported and not credit:
        credit = reported.group("credit")
        end += reported.end()
    if credit:
        credit = _PLACE_REPORT.sub("", credit).strip(" :")
    year, month, day = (int(found.group(g)) if found.group(g) else None for g in ("year", "month", "day"))
    return Dateline(org, found.group("place") or "", year, month, day, credit or None, end)


# -- the shape of one line -----------------------------------------------------------------

@functools.lru_cache(maxsize=SHAPE_CACHE)
def shape_of(text: str, heading_level: int = 0) -> Shape:
    """The class of one line from its own text (the `match` form, stripped). Remembered: a
    site's furniture comes back on every page saved from it."""
    text = strip_cell_bars(text)
    if not text or SYMBOLS_ONLY.match(text):
        return Shape.FURNITURE
    opens_story = dateline(text) is not None and len(text) > SHORT_MAX
    if opens_story:
        return Shape.TEXT
    if STANDFIRST.match(text) and not FIELD_LABEL.match(text):
        return Shape.STANDFIRST
    if is_metadata(text):
        return Shape.METADATA
    if is_boilerplate(text):
        return Shape.FURNITURE
    if is_byline(text):
        return Shape.BYLINE
    if is_caption(text):
        return Shape.CAPTION
    if is_pullquote_figure(text):
        return Shape.FIGURE
    if TAG_LINE.match(text) and not heading_level:
        return Shape.TAG
    if is_link_list(text) and not heading_level:
        return Shape.FURNITURE
    if is_title_like(text) or heading_level:
        return Shape.SHORT
    return Shape.TEXT


def strip_cell_bars(text: str) -> str:
    """A line saved from a table keeps the cell bars at its ends: | caption |; a line saved
    from a web page keeps the glyphs of its icon font (private-use characters), which say nothing."""
    stripped = ICON_GLYPHS.sub("", text).strip()
    return CELL_BARS.sub("", stripped) if "|" in stripped else stripped


def is_byline(text: str) -> bool:
    stripped = EDITION_STAMP.sub("", text).strip()
    if not stripped or len(stripped) > 48 or ends_sentence(stripped):
        return False
    if BRACKETED_CREDIT.match(stripped) or DESK_CREDIT.match(stripped):
        return True
    names = stripped.split("、")
    if len(names) >= 2 and all(looks_like_person(name.strip()) for name in names):
        return True  # 赵某某、钱某某 under a paper's title: its authors
    starts_marked = stripped[0] in BYLINE_MARKS
    tokens = _rejoin_spaced_names([t for t in re.split(r"[\s、,|｜/]+", stripped.strip(BYLINE_MARKS + " ")) if t])
    if not tokens:
        return False
    expanded = []
    for token in tokens:
        # 本报记者某某 glued together: split the staff word from the name.
        glued = re.match(rf"^({STAFF})[:]?({NAME})$", token)
        expanded.extend(glued.groups() if glued else [token.rstrip(":")])
    has_staff = any(re.fullmatch(STAFF, t) for t in expanded)
    if not all(_BYLINE_TOKEN.match(t) for t in expanded):
        return False
    return starts_marked or has_staff


def _rejoin_spaced_names(tokens: list[str]) -> list[str]:
    """Two-character names are padded to three with a space (某 某): join single characters."""
    out: list[str] = []
    for token in tokens:
        if len(token) == 1 and out and len(out[-1]) == 1 and han_count(token + out[-1]) == 2:
            out[-1] += token
        else:
            out.append(token)
    return out


def byline_names(text: str) -> str:
    """The credit as a reader wants it: 本报记者 某某 实习生 某某 (marks, brackets, stamps dropped)."""
    text = EDITION_STAMP.sub("", text)
    return re.sub(r"\s+", " ", text.strip().strip(BYLINE_MARKS + "()() |")).strip()


def metadata_credit(text: str) -> str | None:
    """The writers named in a metadata line (作者:…, 驻某地记者 …), or None."""
    found = METADATA_CREDIT.search(text)
    if not found:
        return None
    return re.sub(r"\s+", " ", found.group("author") or found.group("staff")).strip()


def is_caption(text: str) -> bool:
    stripped = text.strip()
    if IMAGE_FILE.match(stripped):
        return True
    # A picture introduced by a bullet mark (■ 某地工人在检测产品。) is a caption, not a byline.
    if stripped[:1] in "■▲" and ends_sentence(stripped.split()[0] if stripped.split() else stripped):
        return True
    return bool(CAPTION_START.match(stripped) or CAPTION_ANYWHERE.search(stripped) or CAPTION_END.search(stripped))


def is_person_caption(text: str) -> bool:
    """A post and a name with no sentence around them: the caption of a portrait."""
    stripped = text.strip()
    return len(stripped) <= SHORT_MAX and not ends_sentence(stripped) and bool(PERSON_CAPTION.search(stripped))


def is_boilerplate(text: str) -> bool:
    stripped = text.strip()
    if BOILERPLATE.search(stripped) or BOILERPLATE_START.match(stripped) or BREADCRUMB_END.search(stripped):
        return True
    if len(stripped) <= WIDGET_MAX and WIDGET.search(stripped):
        return True
    if CONTACT.match(stripped) or EDITION_LABEL.match(stripped):
        return True
    if len(stripped) <= SHORT_MAX and YEAR_RANGE.search(stripped) and not ends_sentence(stripped):
        return True  # an archive or site name with its years: 某某数据库(1950-2020)
    if len(stripped) <= SHORT_MAX and WEB_ADDRESS.search(stripped) and not ends_sentence(stripped):
        return True  # a site's name with its address: 某某市政府门户网站 www.example.gov.cn
    if len(URL_PATH.findall(stripped)) >= URL_PATHS_MIN and not ends_sentence(stripped):
        return True  # a menu saved with its links' addresses: 工作/col/col1599/index.html动态/col/…
    return is_menu(stripped) or is_junk(stripped) or is_furniture_words(stripped)


def is_furniture_words(text: str) -> bool:
    """A short line made only of navigation words (相关新闻 相关阅读, 官方微博)."""
    tokens = [t.rstrip(":") for t in text.split()]  # 分享: / 分享到:
    words = [t for t in tokens if t and not COUNT.match(t)]  # a share bar ends on its count: 分享 1,088
    return 0 < len(text) <= FURNITURE_WORDS_MAX and bool(words) and all(FURNITURE_WORD.match(t) for t in words)


def is_menu(text: str) -> bool:
    """A row of short navigation items: 首页 | 新闻 | 图片, a bulleted item (• 首 页), or a row
    of place names split by single spaces."""
    if re.match(r"^[*\-+•·]\s*\S.{0,13}$", text) and not ends_sentence(text):
        return True
    if re.match(r"^[•·]\s+\S", text) and len(text) <= SHORT_MAX and not ends_sentence(text):
        return True  # a bulleted link in a list of other stories (· 某某新品上架:…)
    parts = [p for p in MENU_SEPARATORS.split(text) if p] if MENU_SEPARATOR_MARK.search(text) else [text]
    if len(parts) >= MENU_ITEMS_MIN and max(len(p) for p in parts) <= MENU_ITEM_MAX:
        return True
    words = text.split()
    if len(words) >= SHORT_MENU_ITEMS_MIN and all(han_count(w) == len(w) <= 2 for w in words):
        return True  # 行情 股吧 新闻 外汇: words of two characters, four in a row
    return (len(words) >= SPACED_MENU_ITEMS_MIN and all(han_count(w) == len(w) for w in words)
            and max(len(w) for w in words) <= MENU_ITEM_MAX and not is_byline(text))


def is_link_list(text: str) -> bool:
    """Related headlines or search keywords run together on one line: long, with no sentence
    end, split by spaces, underscores, bars or bullets into several pieces. Running text
    always has its commas and stops."""
    if "。" in text:
        return False
    links = re.split(r"\s+-\s+", text)[0]  # a page title's " - 某某网,…" names the site
    if len(re.findall(r"[_|｜]", links)) >= LINK_LIST_ITEMS_MIN - 1 and not re.search(r"[,;!?、]", links):
        return True  # keywords or links strung on underscores and bars, whatever the length
    if len(text) <= SHORT_MAX:
        return False
    pieces = [p for p in LINK_SEPARATORS.split(text.lstrip("·•")) if p.strip()]
    if len(pieces) < LINK_LIST_ITEMS_MIN:
        return False
    if not re.search(r"[,;!?、]", text):
        return True
    return all(han_count(p) >= LINK_ITEM_MIN_HAN for p in pieces)


def is_junk(text: str) -> bool:
    """Anti-scraping noise, mojibake and other lines with next to no Chinese text."""
    if "\ufffd" in text and han_count(text) < len(text) / 2:
        return True
    if han_count(text) == 0 and len(text) <= FOREIGN_LABEL_MAX and not ends_sentence(text):
        return True  # a short line in another script on a Chinese page: a menu item (Français, Toggle navigation)
    # No Chinese and nothing but scraps of ASCII: not even two real Latin words side by side.
    return han_count(text) == 0 and not JUNK.sub("", text) and not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}", text)


def junk_free_span(text: str) -> tuple[int, int]:
    """(start, end) of `text` without anti-scraping scraps glued to its ends."""
    start, end = 0, len(text)
    lead = LEADING_JUNK.match(text)
    if lead and _looks_scrambled(lead.group()):
        start = lead.end()
    trail = TRAILING_JUNK.search(text, start)
    if trail and _looks_scrambled(trail.group()):
        end = trail.start()
    return start, end


def _looks_scrambled(run: str) -> bool:
    # Real Latin text (5G, AI, OLED) has no punctuation scattered through short tokens.
    return sum(1 for token in run.split() if re.search(r"[^A-Za-z0-9]", token)) >= 2


def is_metadata(text: str) -> bool:
    # Government pages space their field names out to align them: 索 引 号: / 分 类:
    stripped = SPACED_HAN.sub("", text.strip())
    if (len(stripped) > GLUED_FIELD_MIN and ends_sentence(stripped)) or glued_fields_end(stripped):
        return False  # page fields glued to the story's first sentence: the sentence wins
    if METADATA.search(stripped) or FIELD_LABEL.match(stripped):
        return True
    if len(stripped) <= 60 and DATED_WEEKDAY.search(stripped) and not ends_sentence(stripped):
        return True
    if len(stripped) <= DATE_TIME_LINE_MAX and DATE_TIME.search(stripped):
        return True
    # A short line carrying a date and a field (来源/作者/编辑…) is the article's dateline block.
    return len(stripped) <= 60 and bool(ANY_DATE.search(stripped)) and bool(FIELD_ANYWHERE.search(stripped))


def glued_fields_end(text: str) -> int:
    """Where page fields glued before a paragraph's first sentence end (来源:某某 发布时间:…), or 0."""
    found = GLUED_FIELDS.match(text)
    return found.end() if found and len(text) - found.end() > SHORT_MAX else 0


def is_bare_date(text: str) -> bool:
    """A line holding a date and nothing else (a signature's date, a masthead's)."""
    return bool(BARE_DATE.match(text))


def is_field_label(text: str) -> bool:
    return bool(FIELD_LABEL.match(text))


def is_summary_label(text: str) -> bool:
    """摘要: / 【内容提要】 alone on its line: the summary follows on the next."""
    return bool(SUMMARY_LABEL.match(text)) and bool(FIELD_LABEL.match(text))


def headline_text(text: str) -> str:
    """A headline without the site name a web page sets around it (某某客户端 | …), the
    decoration after it and typesetting notes ((主题), (引题))."""
    # Each pattern is tried only on a line holding what it needs (they are searched from every
    # position of the line, and most lines hold none of it).
    core = TRAILING_DECORATION.sub("", text) if text.rstrip()[-1:] in DECORATION_MARKS else text
    core = DECK_NOTE.sub("", core) if "题" in core else core  # every note ends in 题
    core = SITE_PREFIX.sub("", core, count=1)
    core = SITE_SUFFIX.sub("", core, count=1) if SITE_SUFFIX_MARK.search(core) else core
    return core.strip() if han_count(core) >= 4 else text.strip()


def echoed_headline(text: str) -> str | None:
    """The headline a furniture line repeats (正在阅读:…, 原标题:…, >…), or None."""
    found = HEADLINE_ECHO.match(text)
    if not found:
        return None
    rest = text[found.end():].strip()
    return rest if han_count(rest) >= 4 else None


def original_title(text: str) -> str | None:
    """The headline a 原标题:/原题: line gives, or None."""
    found = ORIGINAL_TITLE.match(text)
    return found.group("title").strip() if found and han_count(found.group("title")) >= 4 else None


def is_pullquote_figure(text: str) -> bool:
    return bool(FIGURE_ONLY.match(text)) and any(ch.isdigit() for ch in text)


def is_label_like(text: str) -> bool:
    """A column label or kicker: a few characters, no punctuation inside (科技在线, “深瞳”)."""
    core = text.strip().strip("“”\"「」『』【】[]《》 ")
    return 1 <= len(core) <= 5 and han_count(core) == len(core)


def is_subtitle(text: str) -> bool:
    """A subtitle (副题): on a dash, or a headline closed by its column's name in brackets; or a
    note under a document's title, wholly in brackets ((2024年6月29日…会议通过))."""
    return bool(SUBTITLE_DASH.match(text) or COLUMN_SUFFIX.search(text) or BRACKETED_NOTE.match(text))


BRACKETED_NOTE = re.compile(r"^[((][^()()]{4,}[))]$")


def is_couplet(text: str) -> bool:
    """Two balanced phrases side by side (科技兴市 创新强县): the main headline's form."""
    halves = text.split()
    if len(halves) != 2:
        return False
    a, b = (han_count(h) for h in halves)
    return min(a, b) >= COUPLET_HALF_MIN and abs(a - b) <= COUPLET_SLACK


def is_title_like(text: str) -> bool:
    """Short, headline-shaped: no sentence end, not a clause cut mid-way by a comma."""
    stripped = TRAILING_DECORATION.sub("", text.strip())
    if not stripped or len(stripped) > SHORT_MAX or han_count(stripped) < 2:
        return False
    if stripped.endswith(("。", ",", ",", "、", ";", ";")):
        return False
    if stripped.count(",") + stripped.count("。") >= 2 or "。" in stripped[:-1]:
        return False
    if stripped.endswith(":") and re.search(r"[,、]", stripped):
        return False  # an addressee list or a lead-in: 各区县人民政府,市政府各部门:
    # A fragment cut out of a sentence leaves a bracket or quote open (…(以下简称某).
    for opening, closing in ("()", "“”", "《》", "「」"):
        if stripped.count(opening) != stripped.count(closing):
            return False
    return True
