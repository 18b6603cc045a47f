"""Structured questions: views over many layoff events (rankings, totals, lists, comparisons,
timelines, the latest), computed by SQL over the `events` table and answered with every row cited.

`parse_view` is the one place that decides whether a question asks for a view; `answer_view`
runs the SQL and writes the answer (English, or Chinese for a Chinese question); `chart_data`
gives the series a chart draws (`bot.charts` draws it).

One real-world round is counted once. A *round* is:
- a curated event (origin `companies/…`), with the imported rows (layoffs.fyi, WARN) of the same
  company and month folded into it (their sources are cited, their figures not added);
- else a layoffs.fyi row, with the WARN notices of the same company and month folded in;
- else all WARN notices of one employer in one month, their headcounts summed (one notice per site).
Figures the sources disagree on (`event_reports`) are shown as a range.

The rounds are merged once per state of the database file (≈1–3 s at 28k events; `warm(conn)` does
it ahead of the first question) into an indexed in-memory table; each view is then a few
milliseconds of SQL. Wiring, as an edge or the service would do it:

    companies, jurisdictions = recognised_entities(factbase.index, question)
    query = parse_view(question, company_ids=companies, jurisdiction_ids=jurisdictions, previous=last_view)
    if query is not None:
        answer = answer_view(conn, query, question=question, sources=factbase.sources)  # answer.view is query
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from . import lexicon
from .analysis import (
    ASKS_PERIOD,
    ROUND_ONLY_WORDS,
    THAT_YEAR,
    corrections,
    english_word,
    parse_question,
    recognise,
    refers_back,
    unknown_chinese_company,
    unknown_names,
)
from .answer import Answer, Citation, Source, human_date, number_text, possessive
from .language import EN, ZH_HANT, in_script, language_of, say
from .retrieval import _strip_dates, period_months
from .text import has_cjk, normalize, relative_year, word_count
from .warn_view import state_named

KINDS = ("ranking", "total", "list", "comparison", "timeline", "latest")
MAX_TABLE_ROWS = 100
TEXT_ROWS = 5  # rows named in the answer's text; the table holds the rest
MAX_BARS = 30  # bars in a timeline chart: the latest rounds

# -- question analysis ---------------------------------------------------------------------

_MONTHS = {name: n for n, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")], 1) for name in names}
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_CJK_MONTH = re.compile(r"(?<![0-9])(1[0-2]|[1-9])月")

# Stored country names (events.country) and the words people use for them.
COUNTRIES = {
    "China": ("china", "chinese", "prc", "中国", "国内", "中国大陆"),
    "United States": ("united states", "usa", "u.s", "u.s.a", "america", "american", "美国"),
    "India": ("india", "indian", "印度"),
    "United Kingdom": ("uk", "u.k", "united kingdom", "britain", "british", "england", "英国"),
    "Germany": ("germany", "german", "德国"),
    "Sweden": ("sweden", "swedish", "瑞典"),
    "Canada": ("canada", "canadian", "加拿大"),
    "Israel": ("israel", "israeli", "以色列"),
    "Brazil": ("brazil", "brazilian", "巴西"),
    "Australia": ("australia", "australian", "澳大利亚", "澳洲"),
    "Singapore": ("singapore", "singaporean", "新加坡"),
    "Indonesia": ("indonesia", "indonesian", "印度尼西亚", "印尼"),
    "Nigeria": ("nigeria", "nigerian", "尼日利亚"),
    "Netherlands": ("netherlands", "dutch", "holland", "荷兰"),
    "France": ("france", "french", "法国"),
    "Japan": ("japan", "japanese", "日本"),
    "South Korea": ("south korea", "korea", "korean", "韩国"),
    "Spain": ("spain", "spanish", "西班牙"),
    "Mexico": ("mexico", "mexican", "墨西哥"),
    "Kenya": ("kenya", "kenyan", "肯尼亚"),
}
# Regions a question may name ("European companies", "亚洲公司"): their words, and the countries (as `events.country`
# stores them) a view over the region counts.
REGIONS = {
    "Europe": (("europe", "european", "欧洲", "欧洲的"),
               ("Germany", "France", "United Kingdom", "Netherlands", "Sweden", "Ireland", "Finland", "Spain", "Italy",
                "Switzerland", "Denmark", "Norway", "Poland", "Belgium", "Austria", "Portugal", "Czech Republic",
                "Estonia", "Lithuania", "Latvia", "Ukraine", "Romania", "Greece", "Hungary", "Luxembourg")),
    "Asia": (("asia", "asian", "亚洲", "亚洲的"),
             ("China", "India", "Singapore", "Indonesia", "Japan", "South Korea", "Malaysia", "Vietnam", "Philippines",
              "Thailand", "Hong Kong", "Taiwan", "Pakistan", "Bangladesh", "Sri Lanka")),
}
# Each jurisdiction that is a country (its events are recorded under it); a state's or a province's are not (the
# events table records countries: bot.warn_view answers of US states), nor the EU's
_JURISDICTION_COUNTRIES = {"cn": "China", "us": "United States", "in": "India", "uk": "United Kingdom",
                           "de": "Germany", "sg": "Singapore", "au": "Australia", "fr": "France", "ie": "Ireland",
                           "jp": "Japan", "kr": "South Korea", "nl": "Netherlands", "hk": "Hong Kong",
                           "ca-fed": "Canada"}
COUNTRY_ZH = {"Europe": "欧洲", "Asia": "亚洲",
              "China": "中国", "United States": "美国", "India": "印度", "United Kingdom": "英国", "Germany": "德国",
              "Sweden": "瑞典", "Canada": "加拿大", "Israel": "以色列", "Brazil": "巴西", "Australia": "澳大利亚",
              "Singapore": "新加坡", "Indonesia": "印度尼西亚", "Nigeria": "尼日利亚", "Netherlands": "荷兰",
              "France": "法国", "Japan": "日本", "South Korea": "韩国", "Spain": "西班牙", "Mexico": "墨西哥",
              "Kenya": "肯尼亚", "Ireland": "爱尔兰", "Hong Kong": "香港"}

# Industry: (English label, Chinese label, words in questions, LIKE patterns over companies.industry).
INDUSTRIES = {
    "fintech": ("fintech", "金融科技", ("fintech", "fin tech", "payments", "payment", "金融科技", "支付", "金融"),
                ("%fintech%", "%payment%", "%finance%")),
    "crypto": ("crypto", "加密货币", ("crypto", "cryptocurrency", "blockchain", "web3", "加密", "币圈", "区块链"),
               ("%crypto%",)),
    "edtech": ("education", "教育", ("edtech", "ed tech", "education", "educational", "教育", "教培"), ("%educat%",)),
    "gaming": ("gaming", "游戏", ("gaming", "game", "games", "video game", "游戏"), ("%game%", "%gaming%")),
    "social": ("social media", "社交媒体", ("social media", "social network", "社交"), ("%social media%",)),
    "ride-hailing": ("ride-hailing", "网约车", ("ride hailing", "ride-hailing", "ridehailing", "ride sharing",
                                             "rideshare", "网约车", "打车"), ("%ride-hailing%",)),
    "e-commerce": ("e-commerce", "电商", ("e commerce", "ecommerce", "e-commerce", "online retail", "电商"),
                   ("%e-commerce%",)),
    "retail": ("retail", "零售", ("retail", "retailer", "retailers", "零售"), ("retail",)),
    "healthcare": ("healthcare", "医疗", ("healthcare", "health care", "health", "medical", "医疗", "健康"),
                   ("%health%",)),
    "food": ("food", "外卖与食品", ("food", "food delivery", "外卖", "食品"), ("%food%",)),
    "travel": ("travel", "旅游", ("travel", "tourism", "旅游", "出行"), ("%travel%",)),
    "real-estate": ("real estate", "房地产", ("real estate", "proptech", "房地产"), ("%real estate%",)),
    "streaming": ("streaming", "流媒体", ("streaming", "流媒体"), ("%streaming%",)),
    "security": ("security", "安全", ("cybersecurity", "security", "网络安全"), ("%security%",)),
    "ai": ("AI", "人工智能", ("ai", "artificial intelligence", "人工智能"), ("ai", "%artificial intelligence%")),
    "hardware": ("hardware and chips", "硬件与芯片", ("hardware", "chip", "chips", "semiconductor", "semiconductors",
                                                  "chipmaker", "chipmakers", "芯片", "半导体", "硬件"),
                 ("%hardware%", "%semiconductor%")),
    "logistics": ("logistics", "物流", ("logistics", "shipping", "物流"), ("%logistic%",)),
    "transportation": ("transportation", "交通", ("transportation", "mobility", "交通"),
                       ("%transport%", "%mobility%", "%ride-hailing%")),
    "automotive": ("automotive", "汽车", ("automotive", "automaker", "automakers", "car makers", "carmakers",
                                        "electric vehicle", "ev", "汽车", "电动车"),
                   ("%electric vehicle%", "%automotive%")),
    "software": ("software", "软件", ("software", "saas", "cloud", "enterprise software", "软件", "云计算"),
                 ("%software%", "%cloud%")),
    "media": ("media", "媒体", ("media", "媒体"), ("media", "%entertainment%")),
}

# Sectors no company's industry in the base is recorded as (beside INDUSTRIES): the sectors and industry groups of
# the Global Industry Classification Standard (MSCI and S&P's GICS) that INDUSTRIES does not cover, as questions
# name them: (English label, Chinese label, words). A view asked of one ("biggest bank layoffs in 2023") cannot
# narrow to it, and every company's would pass for the sector's: it is declined, saying so.
SECTORS_NOT_RECORDED = {
    "banks": ("banks", "银行", ("bank", "banks", "banking", "银行")),
    "insurance": ("insurance", "保险", ("insurance", "insurer", "insurers", "保险")),
    "energy": ("energy", "能源", ("energy", "oil", "oil and gas", "petroleum", "能源", "石油", "石化")),
    "utilities": ("utilities", "公用事业", ("utility", "utilities", "公用事业")),
    "materials": ("materials", "原材料", ("chemical", "chemicals", "mining", "miners", "steel", "steelmakers",
                                       "化工", "矿业", "钢铁")),
    "airlines": ("airlines", "航空公司", ("airline", "airlines", "aviation", "航空")),
    "aerospace and defence": ("aerospace and defence", "航空航天与国防",
                              ("aerospace", "defense", "defence", "defense contractors", "航天", "国防", "军工")),
    "manufacturing": ("manufacturing", "制造业", ("manufacturing", "manufacturers", "factory", "factories",
                                              "industrial", "industrials", "制造业", "工厂")),
    "construction": ("construction", "建筑业", ("construction", "建筑")),
    "telecoms": ("telecoms", "电信", ("telecom", "telecoms", "telecommunications", "telco", "telcos", "电信", "通信")),
    "pharma": ("pharmaceuticals and biotech", "制药与生物科技",
               ("pharma", "pharmaceutical", "pharmaceuticals", "drugmaker", "drugmakers", "biotech",
                "biotechnology", "life sciences", "制药", "医药", "药企", "生物科技", "生物技术")),
    "consulting": ("consulting", "咨询", ("consulting", "consultancy", "consultancies", "consulting firms",
                                        "accounting firms", "big four", "咨询")),
    "hospitality": ("hotels and restaurants", "酒店与餐饮", ("hotel", "hotels", "hospitality", "restaurant",
                                                       "restaurants", "酒店", "餐饮")),
    "consumer staples": ("consumer staples", "日用消费品", ("beverage", "beverages", "tobacco", "consumer goods",
                                                        "饮料", "烟草", "快消")),
    "apparel": ("apparel and luxury", "服装与奢侈品", ("apparel", "fashion", "luxury", "服装", "奢侈品")),
}

_LAYOFF_WORDS = re.compile(
    r"\b(layoffs?|laid off|lay ?off|lays off|laying off|job cuts?|cut jobs|cutting jobs|cuts?|cutting|redundanc\w*|"
    r"fired|firings?|downsiz\w*|headcount reductions?|jobs? lost|lost (?:their |)jobs?|lose (?:their |)jobs?|"
    r"job losses|let go|rifs?|retrench\w*)\b"
    r"|\b(?:lay|lays|laying|laid) (?:[a-z]+ ){1,2}off\b"  # the verb split by its object: "laying people off"
    r"|裁员|裁|减员|优化|缩减|解雇")
_NEGATIVE = re.compile(
    r"\b(why|reasons?|because|bc|cuz|coz|law|laws|legal|legally|rules?|regulations?|required|require|requirement|entitled|"
    r"notice period|notice|severance|compensation|warn act|consult\w*|must|allowed|illegal|lawful|definition|define|"
    r"meaning|mean|means|what is a|rights|right(?! now)|apply|claim|sue|unemployment|benefits?|visa|h1b|h-1b|ceo|"
    r"who is|"
    r"how do|how to|should i|can i|can they|can my|threshold|thresholds|payments?|pay|notify|notification|report|"
    r"government|permission|priority|counts? as|pregnant|grounds|statutory|under|protected|entitlement|"
    r"minimum|maximum|tax|taxed|eligible|file|filing|"
    # who is taking people on ("which companies are hiring laid-off engineers"), not who let them go
    r"hiring|hire|hires|rehire|rehiring)\b"
    r"|为什么|原因|法律|法规|规定|赔偿|补偿|遣散|经济补偿|通知期|预告期|提前|违法|合法|什么是|怎么|如何|是否|N\+1|"
    r"\bn 1\b|门槛|孕妇|可以|能否|能不能|条件|标准|程序|报告|备案|招聘|招人|"
    # something done to the asker ("公司能把我列入裁员名单吗": can they put me on the list), as "can they" is
    r"把我|能把|怀孕|"
    # a law's reach, benefits for the jobless ("解雇保护法对我适用吗", "每个月能领多少失业金")
    r"适用|失业金|失业保险|失业救济|领多少|对我|"
    r"违反|会怎样|会怎么样|后果")  # what follows from a breach ("公司违反劳动合同法裁员会怎样")
_RANKING = re.compile(r"\b(biggest|largest|(?<!on )top(?! of\b)|highest|greatest|heaviest|worst|ranked|ranking|rank|"
                      r"rankings|leaderboard|deepest)\b"
                      r"|\bmost (?:people|jobs|staff|workers|employees|layoffs|job cuts|cuts|heavily)\b"
                      r"|\b(?:cut|laid off|fired|shed|lost) the most\b|\bthe most$|"
                      r"最大|最多|排名|排行|排个名|排一下名|排下名|排个序|排序|前[0-9一二三四五六七八九十]+|之最|规模最")
# A round of layoffs, by a word that only means one with a company's name or after its layoffs ("which round was the
# biggest", "which one was the largest?")
_WHICH_WAS = re.compile(r"(?:(?:and|so|ok|okay|then) )?which (?:was|were|is)\b")
_ROUND_NOUN = re.compile(r"\b(?:rounds?|waves?|ones?)\b|哪轮|哪一轮|哪次|哪一次")
_LATEST = re.compile(r"\b(latest|most recent|newest|recent|recently|lately|new layoffs|this week|last week|"
                     r"so far this|just announced|just laid|"
                     # asked of the present: what a company is doing now is told by its latest round
                     r"right now|currently|at the moment|these days|nowadays|now$|this time|"
                     # the last of a company's rounds ("when was block's last round of cuts", "their last layoffs")
                     r"last (?:round|wave|layoffs?|cuts|job cuts))\b"
                     r"|最新|最近|近期|新近|现在|目前|当前|如今"
                     # "is uber laying ppl off?", "are they cutting jobs again": a company's layoffs in the present
                     # tense, asking nothing else (not "Is TikTok cutting UK moderators in London?")
                     r"|^(?:is|are) (?:\S+ ){1,3}(?:laying|cutting|firing|shedding|letting)(?: (?:people|ppl|staff|"
                     r"workers|employees|jobs|anyone|folks|more people|more staff|more jobs))?(?: off| go)?"
                     r"(?: again| still)?$")
# What is going on, asked of a place or a company ("what's happening in germany", "any news", "what's new at amazon",
# "新加坡最近怎么样"): the present's events, which for this base are its layoffs
_GOING_ON = re.compile(r"\b(?:happen\w*|going on|news|new|updates?|situation)\b|怎么样|怎样|情况|消息|动态")
_TIMELINE = re.compile(r"\b(timeline|history|historic\w*|over the years|all of|every|each|all the|list all|"
                       r"all (?:its|their|his|her)|all layoffs|all rounds|all job cuts|all the layoffs|over time|"
                       r"through the years|"
                       r"chronolog\w*|year by year|round by round|past layoffs|previous layoffs|"
                       # told in order ("walk me through twitter's layoffs in order", "one by one", "step by step")
                       r"walk me through|in order|in sequence|one by one|step by step|from the start|by date|"
                       # a picture of a company's layoffs is its timeline's chart ("draw a chart of google layoffs")
                       r"chart|charts|graph|graphs|plot|visuali[sz]e|visuali[sz]ation)\b|"
                       r"历次|历年|历史|时间线|每次|每一次|所有裁员|全部裁员|历来|图表|走势图|画个图|画图|"
                       r"按时间|时间顺序|依次|逐一|挨个")
# Told in order, beside how many rounds ("how many rounds? list them by date", "一共裁了几轮？按时间列一下"): each of
# them in order, which counts them too
_IN_ORDER = re.compile(r"\b(?:walk me through|in order|in sequence|one by one|by date|chronolog\w*)\b"
                       r"|按时间|时间顺序|依次|逐一|挨个")
# Asked to rank, in Chinese ("这几家谁裁得最狠？排个名"), as "rank" opens an English question
_RANK_ASKED = re.compile(r"排个名|排名|排一下名|排个序|排序")
_COMPARISON = re.compile(r"\b(vs|versus|compare|compared|comparison|compares|comparing|or)\b|"
                         r"\bwho (?:cut|laid off|fired|had|made|shed)\w* (?:more|fewer|less|bigger|larger|the most)\b|"
                         r"\b(?:more|fewer|bigger|larger|higher|less) (?:than|people|jobs|staff|workers|layoffs|"
                         r"cuts|share|percentage)\b|比较|对比|相比|谁裁|哪家裁|还是|更多|更大")
# Which of two was bigger, naming neither ("which was bigger?", "who cut more?", "哪个多", "谁裁得多").
_WHICH_MORE = re.compile(r"\b(?:which|who)\b.*\b(?:more|fewer|less|bigger|larger|higher|smaller|worse)\b"
                         r"|(?:谁|哪个|哪家|哪一个|哪一家).*(?:多|少|大)")
# ... of the one talked about and one named ("which was bigger, that or Google's?", "那个和腾讯哪个多").
_THIS_OR_THAT = re.compile(r"\b(?:that|this|theirs|them|it) or\b|\bor (?:that|this|theirs|them|it)\b"
                           r"|(?:那个|这个|那次|这次)(?:和|跟|还是|与)|(?:和|跟|还是|与)(?:那个|这个|那次|这次)")
# ... or set against one named ("was that bigger than amazon's?", "did they cut more than google?", "比阿里多吗").
_THAT_THAN = re.compile(r"\b(?:that|this|it|theirs|they)\b.{0,25}\b(?:bigger|larger|more|smaller|fewer|less|worse)"
                        r" than\b|(?:那个|这个|那次|这次)?比\S{1,12}(?:多|少|大)吗")
_COMPARE_MORE = re.compile(r"\b(more|fewer|less|bigger|larger|higher|most)\b|更多|更大|多|少")
# The rest of one company's rounds, asked after one of them ("any other rounds?", "之前的裁员呢").
_OTHER_ROUNDS = re.compile(r"\b(?:other|earlier|previous|past|all) (?:rounds?|layoffs?|job cuts|cuts|waves)\b"
                           r"|其他几轮|其他裁员|别的裁员|之前的裁员|以前的裁员|历次")
# More rounds after the one just told ("were there more cuts after that?", "any further layoffs since?",
# "之后还有裁员吗")
_AFTER_THAT = re.compile(r"\b(?:after|since) (?:that|then|this|it)\b|\bsince\b$|\blater\b|之后|此后|后来")
# (its size or kind said between: "was there another big round after that?", "any more major cuts since?")
_MORE_AFTER = re.compile(r"\b(?:more|further|another|any other|later|subsequent|new) (?:[a-z]+ ){0,2}?"
                         r"(?:rounds?|layoffs?|job cuts|cuts|waves)\b.*(?:\b(?:after|since|later)\b)"
                         r"|\b(?:after|since) (?:that|then)\b.*\b(?:layoffs?|cuts?|rounds?)\b"
                         r"|\b(?:any|anything|more|others?|again)\b.{0,12}\b(?:after|since) (?:that|then|this)\b"
                         r"|(?:之后|此后|后来)(?:还|又)(?:有)?(?:裁员|裁)")
# ... or before it ("were there cuts earlier that year too?", "之前还有裁员吗"), and in the year of the round told
_BEFORE_THAT = re.compile(r"\bearlier\b|\bbefore (?:that|then|this|it)\b|之前|此前|更早")
_MORE_BEFORE = re.compile(r"\b(?:cuts?|layoffs?|rounds?|job cuts)\b.{0,20}\bearlier\b"
                          r"|\b(?:any|more|other|cuts?|layoffs?)\b.{0,12}\bbefore (?:that|then)\b"
                          r"|(?:之前|此前|更早)(?:还|也)(?:有)?(?:裁员|裁)")
_ROUNDS = re.compile(r"\bhow many (?:rounds|times|waves|separate|different|layoff rounds|rounds of|layoff events|"
                     r"job cut rounds)\b|"
                     r"\b(?:number|count) of (?:layoffs?|rounds|layoff rounds|job cuts|layoff events)\b"
                     r"|\bhow often\b|\bhow many layoffs (?:has|have|did)\b|几次|多少次|几轮|多少轮|几波|次数")
# The words that ask a sum in so many words ("grand total", "combined", "cumulative", 一共): `_SUM` reads them with or
# without "how many"; `_TOTAL` adds looser ones ("overall", "so far", "in all"), read beside a count.
# ("a lump sum" is a payment, no sum asked: "irish redundancy lump sum - do they count all my pay?")
_SUM_WORDS = r"in total|total|totals|altogether|all together|combined|cumulative\w*|(?<!lump )sum"
_SUM_WORDS_ZH = r"一共|总共|合计|累计|总计|总数|总人数"
_TOTAL = re.compile(rf"\b({_SUM_WORDS}|totally|overall|in all|so far)\b|{_SUM_WORDS_ZH}|共裁")
_HOW_MANY = re.compile(r"\bhow many\b|多少|几")
_SUM = re.compile(rf"\b({_SUM_WORDS}|summed|add up|added up|adds up|adding up|add together|added together|tally)\b"
                  rf"|{_SUM_WORDS_ZH}|加起来")
_LIST = re.compile(r"\b(list|lists|listing|which companies|what companies|which firms|what firms|which employers|"
                   r"which startups|which tech companies|which (?:\w+ ){0,2}companies|who (?:laid off|cut|had|made)|"
                   r"companies (?:that|which|with|who|cut|cutting|laid|had|have)|any companies|show me)\b|"
                   # Chinese "which" lists companies only ("哪些公司", "哪几家"), not "哪些员工" (which staff)
                   # (nor "哪些人公司应该优先留下": which people, of whom the company is then said)
                   r"名单|列表|列出|清单|哪几家|有哪几家|哪些(?!人|员工|职工|岗位|职位)\w{0,6}?(?:公司|企业|大厂|厂商|雇主|机构)")
_PERCENT = re.compile(r"\b(share|percent|percentage|proportion|fraction|pct)\b|%|比例|比重|百分")
_FOLLOW_UP = re.compile(r"^(and|what about|how about|only|just|any|in|for|then|same|now|also|but)\b"
                        r"|^(那|只看|还有|只)|呢$")
_MONEY = re.compile(r"\bhow much (?:money|severance|compensation|pay|redundancy pay|am i owed|do i get|will i get)\b"
                    r"|多少钱|(?:赔|补偿|赔偿|给|俾|付)(?:我)?(?:多少|几多)")
_YEAR_SPAN = re.compile(r"\b(20[0-9]{2})\s*[-–—~]\s*(20[0-9]{2})\b"
                        r"|(20[0-9]{2})年?\s*(?:至|到|-|~)\s*(20[0-9]{2})年")
_YEAR_SPAN_WORDS = re.compile(r"\bfrom (20[0-9]{2}) (?:to|through|until|till|and) (20[0-9]{2})\b"
                              r"|\bbetween (20[0-9]{2}) and (20[0-9]{2})\b"
                              r"|\b(20[0-9]{2}) (?:to|through) (20[0-9]{2})\b")
_ANY_SUBJECT = re.compile(r"\b(?:people|persons|companies|company|firms|workers|employees|staff|jobs|tech|everyone|"
                          r"all|industry|sector|country|countries|world|worldwide|globally)\b|人|公司|企业|行业")
_COMPARED = re.compile(r"\b(?:vs|versus|compare|compared|comparison|comparing|than)\b"
                       r"|比较|对比|相比|比呢|多吗|少吗"
                       # "跟2020年那次比，哪次裁得多？", Cantonese "同2020年嗰次比，邊次裁得多啲":
                       # set against (跟/同/和 … 比), which time more
                       r"|(?:跟|同|和|与)\S{0,12}?比(?!例|重)|[哪边]次\S{0,4}(?:多|少|大)")
_EVERY = re.compile(r"\b(?:every|each|all(?: the)?) (?:layoffs?|job cuts?|rounds?|cuts?)\b"
                    r"|每一?次裁员|所有裁员|全部裁员")
_ALL_TIME = re.compile(r"\b(all time|ever|in history)\b|有史以来|史上")
_LIMIT = re.compile(r"\b(?:top|the|biggest|largest|first|last)\s+([0-9]{1,2})\b|\b([0-9]{1,2}) (?:biggest|largest|"
                    r"most|latest|recent|newest)\b|前([0-9]{1,2})")
_COMPANY_WORD = re.compile(r"\b(compan(y|ies)|firms?|startups?|employers?|tech|businesses)\b|公司|企业|科技")
_PER_COUNTRY = re.compile(r"\b(?:which|what) (?:countr(?:y|ies)|nations?|states?)\b|\bby country\b|"
                         r"哪个国家|哪些国家|哪国|按国家")
_COMPANY_TOTAL = re.compile(r"\b(which|what|who)\b.*\b(the )?most\b|\bcompan(y|ies) (?:that |which |who )?"
                            r"(?:cut|laid off|fired|shed|had)\w* the most\b|\bmost (?:layoffs|job cuts)\b"
                            # (a kind of company between: "哪些科技公司裁员最多", "裁员最多的互联网公司")
                            r"|最多的\w{0,4}(?:公司|企业)|哪(?:家|些)\w{0,4}(?:公司|企业).*最多|谁.*最多")
# The asker's own employer ("my company", "our firm", "我们公司"): their case, never a view of the base's layoffs.
_OWN_EMPLOYER = re.compile(r"\b(?:my|our) (?:company|employer|firm|office|team|workplace|boss|startup|site|plant|"
                           r"factory|store|department)\b|\bi work (?:at|for|in)\b"
                           r"|我们公司|我司|我的公司|我所在的?公司|我们单位")
# What a follow-up asks of the rounds a view of many companies just showed ("which of those", "among them", 其中).
_OF_THOSE = re.compile(r"\b(?:of|among|from) (?:those|them|these|that list|the list)\b|其中|这些|那些|里面|当中")
_MANY_KINDS = frozenset({"list", "total", "ranking", "latest"})
# ... of one of them: "which one was biggest", "which company had the most", 哪家/哪个
_ONE_ASKED = re.compile(r"\bwhich (?:one|company|firm)\b|\bwhich of (?:those|them|these)\b (?:was|is|had|has|cut)\b"
                        r"|\bwho\b|哪家|哪个|谁")
_CJK_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# A reason the rounds asked about were given for: "which companies blamed AI for their layoffs", "laid people off
# because of covid in 2020", "因为AI裁员的公司". Its words, up to a word that ends the clause.
_REASON_ASKED = re.compile(
    r"\b(?:because of|due to|owing to|blam(?:e|ed|ing)(?: on)?|cit(?:e|ed|ing)|attributed to|driven by|"
    r"as a result of|in response to|point(?:s|ed|ing)? to)\s+(?:the |a )?(?P<en>[a-z0-9][a-z0-9 -]{0,40}?)"
    r"(?=\s+(?:for|in|during|since|from|between|as|and|or|to|when|last|this)\b|$)"
    r"|(?:因为|由于|归咎于|以)\s?(?P<zh>[a-z0-9]{1,12}|[\u4e00-\u9fff]{1,6}?)\s?(?:而|为由|裁员|的原因)")
_AS_A_REASON = re.compile(r"\bas (?:a|the|their|its) (?:reason|cause|factor|justification)\b")
# A reason's other names in what the base says ("AI" is "artificial intelligence" too), matched as FTS5 phrases.
REASON_NAMES = {"ai": ("ai", "artificial intelligence", "人工智能"),
                "artificial intelligence": ("ai", "artificial intelligence"),
                "人工智能": ("ai", "artificial intelligence"),
                "covid": ("covid", "pandemic", "coronavirus"), "pandemic": ("covid", "pandemic", "coronavirus"),
                "疫情": ("covid", "pandemic", "coronavirus"), "tariffs": ("tariff", "tariffs"),
                "tariff": ("tariff", "tariffs"), "关税": ("tariff", "tariffs")}


# Rounds of at least so many people: "more than 10000 jobs", "at least 5000 people", "5000+ workers", "超过1万人",
# "1000人以上" (normalised: figures are digits).
_MIN_PEOPLE = re.compile(
    r"(?<!\bwith )(?<!\bhaving )(?<!\bemploying )"  # ("companies with more than 500 employees": their size)
    r"\b(?P<kind>more than|over|above|greater than|at least|bigger than|larger than)\s+(?P<n>\d+)\s+"
    r"(?:jobs|people|employees|workers|staff|roles|positions|layoffs)\b"
    r"|\b(?P<plus>\d+)\s*\+\s*(?:jobs|people|employees|workers|staff|roles|positions|layoffs)\b"
    r"|(?:超过|多于|逾)\s*(?P<zh_over>\d+)\s*(?:人|名|个岗位)|(?P<zh_least>\d+)\s*(?:人|名)以上")


def min_people(normalized: str) -> tuple[int | None, bool]:
    """The fewest people a round asked about cut ("more than 10000 jobs": 10001), or None; and whether it was asked
    as "more than" one fewer (the answer says it as asked)."""
    found = _MIN_PEOPLE.search(normalized)
    if not found:
        return None, False
    if found.group("n"):
        n = int(found.group("n"))
        return (n, False) if found.group("kind") == "at least" else (n + 1, True)
    if found.group("zh_over"):
        return int(found.group("zh_over")) + 1, True
    return int(found.group("plus") or found.group("zh_least")), False


# Many companies asked about: "which companies", "what firms", "who", "哪些公司".
_MANY_ASKED = re.compile(r"\b(?:which|what|name the|list the|list) (?:companies|firms|employers|businesses)\b|\bwho\b"
                         # ... or the rounds themselves ("list the layoffs where the company pointed to AI")
                         r"|\b(?:which|what|name the|list the|list all|list|show me the|show me|show the) "
                         r"(?:layoffs|rounds|job cuts|cuts)\b"
                         r"|\b(?:companies|firms) (?:that|which|who)\b|哪些公司|哪些企业|哪家|有哪些")


def reason_asked(normalized: str) -> str | None:
    """The reason a view's rounds are asked of ("ai" of "which companies blamed ai for their layoffs"), or None."""
    found = _REASON_ASKED.search(normalized)
    if not found:
        return None
    reason = (found.group("en") or found.group("zh") or "").strip()
    reason = re.sub(r"^(?:their|its|the) ", "", reason)
    return reason if reason and reason not in ("layoffs", "layoff", "cuts", "job cuts", "it", "that", "this") else None


def _as_written(words: str, question: str) -> str:
    """`words` (normalised) as the question writes them ("ai" -> "AI"), else as they are."""
    found = re.search(re.escape(words).replace(r"\ ", r"\s+"), question, re.IGNORECASE)
    return found.group(0) if found else words


def reason_rounds(conn: sqlite3.Connection, reason: str) -> tuple[str, ...]:
    """The event ids of the rounds whose reason on record (a curated fact of topic layoff-reason) mentions `reason`
    (or one of its REASON_NAMES), matched by SQLite FTS5 over the facts' claims: each fact's rounds are the
    company's events citing one of its sources, those of the year it was reported when any are."""
    names = REASON_NAMES.get(reason.lower(), (reason.lower(),))
    match = " OR ".join('"' + name.replace('"', '""') + '"' for name in names)
    by_fact: dict[str, list[tuple[str, str, str | None]]] = {}
    for fact_id, as_of, event_id, date in conn.execute(
            "select distinct f.id, f.as_of, e.id, e.date from facts_fts join facts f on f.rowid = facts_fts.rowid "
            "join citations cf on cf.item_id = f.id join citations ce on ce.source_id = cf.source_id "
            "join events e on e.id = ce.item_id and e.company_id = f.entity_id "
            "where facts_fts match ? and f.topic = 'layoff-reason' and coalesce(f.retired, 0) = 0 "
            "and coalesce(e.retired, 0) = 0", [f"claim: ({match})"]):
        by_fact.setdefault(fact_id, []).append((event_id, date, as_of))
    found = []
    for rounds in by_fact.values():
        same_year = [r for r in rounds if r[2] and r[1][:4] == r[2][:4]]
        found.extend(r[0] for r in same_year or rounds)
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class ViewQuery:
    """What a structured question asks.

    kind: one of KINDS. company_ids: companies to restrict to (two or more for a comparison).
    country: as `events.country` stores it ("China", "United States"). industry: a key of INDUSTRIES.
    year/month: the period (month only with a year). by: "headcount", "percent" (rankings and
    comparisons by share of staff) or "rounds" (a total that counts rounds). limit: rows in a
    ranking or the latest. all_time: the question asked about all layoffs ever ("of all time").
    years: two or more years a comparison sets against each other (then `year` is None).
    """

    kind: str
    company_ids: tuple[str, ...] = ()
    country: str | None = None
    industry: str | None = None
    year: int | None = None
    month: int | None = None
    by: str = "headcount"
    limit: int = 10
    all_time: bool = False
    years: tuple[int, ...] = ()  # a comparison of periods: "compare 2022 and 2023 layoffs"
    span: int = 1  # months the period runs from `month`: 3 for a quarter ("Q4 2022"), 6 for a half
    per_country: bool = False  # asked per country, which no view ranks: the answer says it ranks companies
    all_sectors: bool = False  # asked of "tech" companies, which the base does not tell apart: the answer says so
    per: str | None = None  # a total broken down "month" by month (within its year) or "year" by year
    after: str | None = None  # rounds after this date only (ISO): "were there more cuts after that?"
    before: str | None = None  # ... before it: "were there cuts earlier that year too?"
    reason: str | None = None  # rounds whose reasons on record mention this, as asked: "which companies blamed AI"
    reason_ids: tuple[str, ...] | None = None  # ... those rounds' event ids, read from the base (`reason_rounds`)
    min_headcount: int | None = None  # rounds of at least this many people: "which companies cut more than 10,000"
    min_exclusive: bool = False  # ... asked as "more than" one fewer (the answer says it as asked)


# "tech layoffs", "科技公司裁员": a sector no view can filter by (most companies the base holds, from WARN
# notices and trackers, have no industry), so the answer counts every company and says so.
_TECH = re.compile(r"\b(tech|technology|big tech)\b|科技|互联网|大厂")


# A follow-up that sets another company against the one talked about: "vs cisco", "compared to google?".
_VERSUS_NEXT = re.compile(r"(?:and |so |how about |what about )?(?:(?:vs|versus|against|(?:how (?:does|do|did|would) "
                          r"(?:that|it|this|they) )?compared? (?:that |it |this |them )?(?:to|with))\b"
                          r"|对比|相比|[和跟与同].{1,12}比)")  # ("how does that compare to cisco?", "跟腾讯比呢")


# A period from a year to date ("since 2022", "from 2022 on", "2022 onwards", "2022年以来").
# ("since late 2022", "from early 2023": the year's part said loosely, its year all the same)
_SINCE = re.compile(r"\b(?:since|from|starting(?: in)?)\s+(?:(?:late|early|mid|the end of|the start of)\s+)?(20\d\d)\b"
                    r"(?!\s*(?:to|until|till|-|through)\s*\d)(?:\s+(?:to|until|till|up to) (?:now|today|date)\b)?"
                    r"|\b(20\d\d)\s+(?:onwards?|on|and later|to date|till now|to now)\b"
                    r"|(20\d\d)\s*年\s*(?:以来|至今|到现在|开始)")

# A span of months ("from nov 2022 through jan 2026", "between march 2023 and june 2024"): those months, whole
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_SPAN = re.compile(rf"\b(?:(?:from|between)\s+)?({_MONTH_NAMES})\s+(20\d\d)\s*"
                         rf"(?:to|through|thru|until|till|and|-)\s*({_MONTH_NAMES})\s+(20\d\d)\b")
# "since nov 2022", "from march 2023 on": that month and every one after it, to date
_SINCE_MONTH = re.compile(rf"\b(?:since|from|starting(?: in)?)\s+({_MONTH_NAMES})\s+(20\d\d)\b"
                          r"(?!\s*(?:(?:to|until|till|through)\b|-))")


def _year_month(normalized: str, today: dt.date) -> tuple[int | None, int | None, int]:
    """(year, first month, months spanned): a month spans one, a quarter three, a half six."""
    years = _YEAR.findall(normalized)
    year = int(years[0]) if years else None
    if year is None:
        year = relative_year(normalized, today)
    month = None
    if year is not None:
        found = _MONTH.search(normalized)
        # "may" and "mar" are words too: a month name counts only near the year
        if found and (found.group(1) not in {"may", "mar"} or re.search(rf"\b{found.group(1)} {year}\b", normalized)):
            month = _MONTHS[found.group(1)]
        elif cjk := _CJK_MONTH.search(normalized):
            month = int(cjk.group(1))
        elif period := period_months(normalized):  # "Q4 2022", "2022年上半年"
            return year, min(period), max(period) - min(period) + 1
    return year, month, 1


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` as a whole word (Chinese ones anywhere), longest first."""
    ordered = sorted(words, key=len, reverse=True)
    latin = "|".join(re.escape(w) for w in ordered if not has_cjk(w))
    chinese = "|".join(re.escape(w) for w in ordered if has_cjk(w))
    return re.compile("|".join(p for p in (latin and rf"(?<![\w.])(?:{latin})(?!\w)", chinese) if p))


def _mention(words: tuple[str, ...], normalized: str) -> re.Match | None:
    """The first mention of any of `words` in `normalized` (`_words_pattern`), None when there is none.
    The pattern is compiled only when one of the words occurs in the text at all, which a match
    needs: a cold `ask` compiles none of the 41 country and industry patterns it does not need."""
    if not any(word in normalized for word in words):
        return None
    return _words_pattern(words).search(normalized)


def _country(normalized: str, question: str, jurisdiction_ids: tuple[str, ...]) -> str | None:
    for jurisdiction in jurisdiction_ids:
        if jurisdiction in _JURISDICTION_COUNTRIES:
            return _JURISDICTION_COUNTRIES[jurisdiction]
    if re.search(r"\bU\.?S\.?\b", question):  # "US companies"; a lowercase "us" is a pronoun
        return "United States"
    for country, words in COUNTRIES.items():
        found = _mention(words, normalized)
        if found and not (found.group(0) == "印度" and "印度尼西亚" in normalized):
            return country
    return None


def _industry(normalized: str) -> str | None:
    return next((key for key, (_, _, words, _) in INDUSTRIES.items() if _mention(words, normalized)), None)


def sector_not_recorded(normalized: str) -> str | None:
    """The key of `SECTORS_NOT_RECORDED` the question names, or None (also when it names an industry the base
    records: "fintech payments banks" narrows to fintech)."""
    if _industry(normalized):
        return None
    return next((key for key, (_, _, words) in SECTORS_NOT_RECORDED.items() if _mention(words, normalized)), None)


def _limit(normalized: str, default: int) -> int:
    found = _LIMIT.search(normalized)
    if found:
        number = int(next(g for g in found.groups() if g))
        return max(1, min(number, 50))
    cjk = re.search(r"前([一二两三四五六七八九十])", normalized)
    if cjk:
        return _CJK_NUMBERS[cjk.group(1)]
    return default


def parse_view(question: str, *, company_ids: tuple[str, ...], jurisdiction_ids: tuple[str, ...],
               previous: ViewQuery | None = None, context_company_ids: tuple[str, ...] = (),
               context_year: int | None = None, context_date: str | None = None,
               today: dt.date | None = None, earlier_company_ids: tuple[str, ...] = (),
               earlier_year: int | None = None) -> ViewQuery | None:
    """The view a question asks for, or None when it is not a structured question.

    `company_ids`/`jurisdiction_ids`: the entities the engine recognised in the question, in order.
    `previous`: the conversation's last view, for follow-ups ("and in 2024?", "only fintech").
    `context_company_ids`: companies the conversation was about, for "so who cut more?";
    `context_year`: the year it was about, for "how many in total?" after "amazon layoffs 2023";
    `context_date`: the date of the round just told, for "were there more cuts after that?";
    `earlier_company_ids`: the companies talked about before the last question moved on to the context's, for
    "which was bigger?" after "and eBay?" (empty when the talk stayed on one subject); `earlier_year`: the year the
    talk was about before it moved to `context_year`'s, of the one company talked about ("which was bigger?" after
    Salesforce's 2023 round, then "and in 2024?").
    """
    today = today or dt.date.today()
    normalized = normalize(question)
    # "which companies laid people off because of covid": the rounds of a reason, asked as a view ("because" asks
    # a company's reasons, else)
    reason = reason_asked(normalized) if _MANY_ASKED.search(normalized) else None
    # (and the words that call it a reason: "the layoffs where the company pointed to AI as a reason")
    unreasoned = _AS_A_REASON.sub(" ", _REASON_ASKED.sub(" ", normalized)) if reason else normalized
    if not normalized or _NEGATIVE.search(unreasoned) or not reason and _NEGATIVE.search(question):
        return None
    region = next((name for name, (words, _) in REGIONS.items() if _mention(words, normalized)), None)
    if region:  # "which European companies cut the most in 2024": the region's countries, not the EU's law
        jurisdiction_ids = tuple(j for j in jurisdiction_ids if j != "eu")
    if any(j not in _JURISDICTION_COUNTRIES for j in jurisdiction_ids) or state_named(question):
        return None  # a state or the EU: the events table records countries only (bot.warn_view: states)
    year, month, span = _year_month(normalized, today)
    since = _SINCE.search(normalized)
    after = None
    span_of_years = _YEAR_SPAN.search(question) or _YEAR_SPAN_WORDS.search(normalized)
    if span_of_years and month is None and len(first_last := sorted(
            {int(g) for g in span_of_years.groups() if g})) == 2:
        # "2022-2024", "from 2022 to 2024", "between 2022 and 2024": those whole years, as "2023 and 2024 combined"
        year, month, span = first_last[0], 1, 12 * (first_last[1] - first_last[0] + 1)
    elif (months := _MONTH_SPAN.search(normalized)) and (
            (start := int(months[2]) * 12 + _MONTHS[months[1]]) < (end := int(months[4]) * 12 + _MONTHS[months[3]])):
        # "from nov 2022 through jan 2026": those months, the first to the last, whole
        year, month, span = int(months[2]), _MONTHS[months[1]], end - start + 1
    elif since and month is None:
        # "since 2022", "from 2022 onwards", "2022年以来": that year and every one after it, to date
        year, after = None, f"{int(next(g for g in since.groups() if g)) - 1}-12-31"
    elif since_month := _SINCE_MONTH.search(normalized):
        # "since nov 2022": from that month (a date after the month before's last day; ISO dates sort as text)
        first, in_year = _MONTHS[since_month.group(1)], int(since_month.group(2))
        year, month, after = None, None, f"{in_year - 1}-12-31" if first == 1 else f"{in_year}-{first - 1:02d}-31"
    country = _country(normalized, question, jurisdiction_ids) or region
    # (a reason's words are no industry: "which companies blamed AI" asks of AI as a reason, not of AI firms)
    industry = _industry(unreasoned)
    layoff_word = bool(_LAYOFF_WORDS.search(normalized))
    by = "percent" if _PERCENT.search(normalized) else "headcount"
    all_time = bool(_ALL_TIME.search(normalized))
    companies = tuple(company_ids)
    filters = {"country": country, "industry": industry, "year": year, "month": month, "after": after}

    if not companies and _unknown_name(question):
        return None  # "How many people did Nvidia lay off?": a company the base does not know
    if not companies and _OWN_EMPLOYER.search(normalized):
        # "I work in the UK and my company just announced redundancies for 30 people": the asker's own case, which
        # the rules answer, not the base's latest layoffs in the UK
        return None
    if _MONEY.search(normalized) or ASKS_PERIOD.search(normalized):
        # "我在深圳被裁员了，公司应该赔我多少钱？": how much money is owed, no count of layoffs; nor is a period
        # ("要在多少天内投诉", "how many days' notice")
        return None
    if jurisdiction_ids and not companies and year is None and _asks_a_rule(normalized):
        # "federal WARN 'mass layoff' - how many people at one site?": a country's law, asked with no
        # company or period, is a rule question, not a count of its layoffs
        return None
    if _PER_COUNTRY.search(normalized) and layoff_word and not companies:
        # "which country had the most layoffs": the views rank companies, not countries; say so, and rank those
        return ViewQuery("ranking", (), country, industry, year, month, "company", _limit(normalized, 10),
                         all_time, span=span, per_country=True)
    years = tuple(dict.fromkeys(int(y) for y in _YEAR.findall(normalized)))
    if len(years) >= 2 and len(companies) < 2 and layoff_word and (
            re.search(r"\b(vs|versus|compare|compared|comparison|comparing|or|than)\b|比较|对比|相比|还是",
                      normalized)):
        return ViewQuery("comparison", companies, country, industry, years=years[:4])
    if (not companies and len(context_company_ids) == 1 and context_year and year and year != context_year
            and _COMPARED.search(normalized) and word_count(normalized) <= 8 and not jurisdiction_ids):
        # "is that more than last year?" after Meta's 2023 round: the company's two years side by side
        return ViewQuery("comparison", tuple(context_company_ids), country, industry, years=(context_year, year))
    # a total asked with no subject of its own ("total?", "how many in total since 2022" after Google's rounds):
    # the company talked about's, not everyone's ("how many people were laid off in total" names its own)
    short_total = bool(_TOTAL.search(normalized)) and (word_count(normalized) <= 5 or (
        word_count(normalized) <= 8 and not _ANY_SUBJECT.search(normalized)))
    versus = False  # the company talked about set against the one named ("vs cisco", "和腾讯比呢")
    from_context = False  # the question's company (or one of two) is the one talked about
    # ... or the rounds just told, pointed at ("which of those was the biggest?" after Spotify's layoffs)
    # (or asked of them in a few words: "which was the biggest?" after "did lyft have layoffs?")
    round_ranked = bool(_RANKING.search(normalized) and (_ROUND_NOUN.search(normalized) or (
        _OF_THOSE.search(normalized) and previous is None) or (
        word_count(normalized) <= 6 and _WHICH_WAS.match(normalized) and previous is None)))
    if not companies and len(context_company_ids) == 1 and (
            refers_back(normalized) or re.match(r"(?:and |ok |so )?(?:what|how) about\b", normalized)
            or short_total or round_ranked):
        # "how many did they cut in march 2023?", "what about the jan 2026 cuts?", "total?", "how many in
        # total": the company talked about
        companies, from_context = tuple(context_company_ids), True
        if short_total:
            layoff_word = True  # "total?" after a company's rounds: its layoffs in all
    if len(years) >= 2 and _TOTAL.search(normalized) and sorted(years) == list(range(min(years), max(years) + 1)):
        # "how many did google lay off in 2023 and 2024 combined": one total over consecutive whole years
        return ViewQuery("total", companies, country, industry, min(years), 1, by, _limit(normalized, 10), all_time,
                         span=12 * len(years))
    if (previous is not None and previous.kind == "comparison" and not companies and _WHICH_MORE.search(normalized)
            and word_count(normalized) <= 6 and not any(v is not None for v in filters.values())):
        return previous  # "which was bigger?" right after Meta and Google compared: that comparison, its verdict first
    if (not companies and len(context_company_ids) == 1 and earlier_year and context_year
            and earlier_year != context_year and _WHICH_MORE.search(normalized) and word_count(normalized) <= 6
            and year is None):
        # "which was bigger?" after Salesforce's 2023 round, then "and in 2024?": the company's two years side by side
        return ViewQuery("comparison", tuple(context_company_ids), country, industry,
                         years=tuple(sorted((earlier_year, context_year))))
    if (not companies and len(context_company_ids) == 1 and len(earlier_company_ids) == 1
            and earlier_company_ids != context_company_ids and _WHICH_MORE.search(normalized)):
        # "which was bigger?" after PayPal's cuts, then "and eBay?": the two just talked about, set against each other
        companies, layoff_word, from_context = (earlier_company_ids[0], context_company_ids[0]), True, True
    if (len(companies) == 1 and len(context_company_ids) == 1 and context_company_ids[0] != companies[0]
            and (_VERSUS_NEXT.match(normalized) or _THAT_THAN.search(normalized)
                 or _WHICH_MORE.search(normalized) and _THIS_OR_THAT.search(normalized))):
        # "vs cisco" after Intel's layoffs: the company talked about against the one named
        companies, layoff_word, from_context, versus = (context_company_ids[0], companies[0]), True, True, True
    if companies and round_ranked:
        layoff_word = True  # "spotify's largest round", "which one was the biggest?": the company's layoff rounds
    if from_context and year is None and context_year is not None and not all_time:
        year = filters["year"] = context_year  # ... in the year talked about
    if (previous is not None and not companies and not previous.company_ids and previous.kind in _MANY_KINDS
            and _RANKING.search(normalized) and (_OF_THOSE.search(normalized) or (
                word_count(normalized) <= 6 and not any(v is not None for v in filters.values())))):
        # "which of those was biggest?", "哪家裁得最多？" after 2024's companies were listed: the same rounds ranked
        # (one, when asked of one: "which one", "which company ... was"), so that "why did they do it?" next asks of
        # its company
        one = bool(_ONE_ASKED.search(normalized))
        return replace(previous, kind="ranking", by="company" if _COMPANY_TOTAL.search(normalized) else "headcount",
                       limit=1 if one else _limit(normalized, 10), per=None, per_country=False)
    kind = _kind(normalized, companies, context_company_ids, layoff_word, filters) or (
        "comparison" if versus else None)  # ("跟腾讯比呢": set against, with no comparison word of _kind's)
    if kind is None and reason and layoff_word and not companies:
        kind = "list"  # "which layoffs were due to covid?": the rounds of a reason, listed
    if kind is None and span_of_years and month == 1 and span > 12 and layoff_word and len(companies) <= 1:
        kind = "total"  # "layoffs between 2022 and 2024", "how many did amazon lay off from 2022 to 2024": summed
    if context_date and not company_ids and len(context_company_ids) == 1 and (
            kind == "timeline" or _MORE_AFTER.search(normalized) or _MORE_BEFORE.search(normalized)):
        # "were there more cuts after that?", "did they cut again after that": the company's rounds after the one
        # just told ("earlier that year": before it, in its year)
        that_year = int(context_date[:4]) if THAT_YEAR.search(normalized) else None
        if _MORE_BEFORE.search(normalized) or (_BEFORE_THAT.search(normalized) and not _AFTER_THAT.search(normalized)):
            return ViewQuery("timeline", tuple(context_company_ids), year=that_year, before=context_date)
        if _AFTER_THAT.search(normalized):
            return ViewQuery("timeline", tuple(context_company_ids), year=that_year, after=context_date)
    if kind == "comparison" and len(companies) < 2 or kind == "timeline" and not companies:
        companies = tuple(context_company_ids)
    narrowed = (kind is None and previous is not None and previous.kind in _MANY_KINDS and not companies
                and _OF_THOSE.search(normalized) and bool(filters["country"] or filters["industry"]))
    if narrowed:  # "which of those were in europe?" after 2023's biggest layoffs: that view, in Europe only
        kind, by = previous.kind, previous.by
    if kind is None and previous is not None:
        return _follow_up(normalized, previous, companies, filters,
                          int(context_date[:4]) if context_date else context_year)
    if kind is None:
        return None
    if kind == "total" and _ROUNDS.search(normalized):
        by = "rounds"
    if kind == "total" and by == "percent":
        by = "headcount"
    if kind == "ranking" and by == "headcount" and (
            not companies and _COMPANY_TOTAL.search(normalized) or len(companies) >= 2) and not (
            re.search(r"\b(biggest|largest|single|greatest|heaviest|deepest) (?:single )?(?:layoffs?|job cuts?|"
                      r"cuts?|rounds?)\b|单次|一次", normalized)):
        # "which companies laid off the most people in 2023", "rank amazon, google and meta by their 2023 layoff
        # size": summed per company (but "the biggest single layoff" ranks rounds)
        by = "company"
    if previous is not None and (_FOLLOW_UP.search(normalized) or narrowed) and not companies:
        # "any in china?" after "latest layoffs": keep what the last view was about
        filters = {k: (v if v is not None else getattr(previous, k)) for k, v in filters.items()}
        if filters["year"] != previous.year and year is not None:
            filters["month"] = month
    elif (previous is not None and kind == previous.kind == "comparison" and _FOLLOW_UP.search(normalized)
          and year is None and not filters["after"] and not previous.years):
        # "and Google vs Microsoft?" after Amazon and Meta compared in 2022-2024: the same period, other companies
        filters.update(year=previous.year, month=previous.month, after=previous.after)
        span = previous.span
        month = previous.month
    least, exclusive = min_people(normalized)  # "more than 10000 jobs": rounds of 10,001 or more, said as asked
    default_limit = {"latest": 5}.get(kind, 10)
    if kind == "latest" and companies and re.search(r"\b(most recent|latest|newest|last) (layoff|round|cut)\b"
                                                    r"(?!s)", normalized):
        default_limit = 1
    return ViewQuery(kind, companies, filters["country"], filters["industry"], filters["year"], filters["month"],
                     by, _limit(normalized, default_limit), all_time, after=filters["after"],
                     span=span if month is not None and filters["month"] == month else 1,
                     all_sectors=not companies and filters["industry"] is None and bool(_TECH.search(normalized)),
                     per=_per(normalized, filters["year"]) if kind == "total" and filters["month"] is None else None,
                     reason=_as_written(reason, question) if reason and not companies else None,
                     min_headcount=least if not companies and kind in _MANY_KINDS else None,
                     min_exclusive=exclusive)


# A total asked period by period ("layoffs by month in 2023", "每年裁员人数"), not a rate per year of service.
_BY_PERIOD = re.compile(r"\b(?:by|per|each|every) (month|year)\b(?! (?:of (?:service|employment|work)|worked|served|"
                        r"employed))|\b(monthly|yearly|annual)\b|每一?个?(月|年)(?!\S{0,2}(?:工资|薪|收入|挣|赚|拿|发))"
                        r"|按(月|年)|逐(月|年)")  # (not a wage: "每个月工资2万")


def _per(normalized: str, year: int | None) -> str | None:
    """"month" or "year" for a total asked period by period; by month only within one year (as the
    chart draws it), else by year."""
    found = _BY_PERIOD.search(normalized)
    if not found:
        return None
    unit = next(g for g in found.groups() if g)
    return "month" if unit in ("month", "monthly", "月") and year is not None else "year"


@cache
def _known_capitalised() -> frozenset[str]:
    """Capitalised words that name no company: places, industries, months and the like."""
    return frozenset(
        {normalize(w) for words in COUNTRIES.values() for w in words}
        | {normalize(w) for words, _ in REGIONS.values() for w in words}
        | {w for _, _, words, _ in INDUSTRIES.values() for w in words}
        | {w for _, _, words in SECTORS_NOT_RECORDED.values() for w in words}
        | set(_MONTHS) | {"i", "ai", "us", "u.s", "uk", "tech", "warn", "layoffs", "layoff", "ceo", "eu", "q1", "q2",
                          "q3", "q4", "big", "fyi", "layoffs.fyi", "it", "hr"}  # (IT and HR: a trade, a department)
    )


def _unknown_name(question: str) -> bool:
    """Whether the question names something capitalised that is no place, month or industry word
    ("How many did Nvidia cut?"); a sentence's first word ("... in 2023? Top 5 please.") and all-title-case
    questions do not count."""
    words = re.findall(r"[A-Za-z][\w.&'-]*", question)
    if len(words) < 2 or sum(w[0].isupper() for w in words) > len(words) / 2:
        return False
    openers = {m.group(1) for m in re.finditer(r"[?!.:;]\s+([A-Za-z][\w.&'-]*)", question)}
    # (a place's name joined to a word, "Singapore-headquartered", "US-based", is the place: its first part counts)
    return any(w[0].isupper() and w not in openers and normalize(w) not in _known_capitalised()
               and normalize(w.split("-")[0]) not in _known_capitalised() for w in words[1:])


# "all" said of what was just named ("were those all layoffs?", "are they all redundancies"): whether each of them is
# one, no call for every round
_ALL_OF_THOSE = re.compile(r"\b((?:were|are|was|is) (?:those|these|they|them|it|that)) all\b")


def _kind(normalized: str, companies: tuple[str, ...], context: tuple[str, ...], layoff_word: bool,
          filters: dict) -> str | None:
    normalized = _ALL_OF_THOSE.sub(r"\1", normalized)
    has_filter = any(v is not None for v in filters.values())
    if _RANK_ASKED.search(normalized) and (layoff_word or companies):
        return "ranking"
    explicit = re.search(r"\b(vs|versus|compare|compared|comparison|comparing)\b|比较|对比", normalized)
    if len(companies) >= 2 and (explicit or (layoff_word and _COMPARISON.search(normalized))):
        return "comparison"
    if not companies and len(context) == 1 and (_OTHER_ROUNDS.search(normalized) or _MORE_AFTER.search(normalized)
                                                or _MORE_BEFORE.search(normalized)):
        return "timeline"  # "any other rounds?" after an answer about one company's round
    if not companies and len(context) >= 2 and layoff_word and _COMPARE_MORE.search(normalized) and (
            _COMPARISON.search(normalized)):
        return "comparison"  # "so who cut more?" after questions about two companies
    if len(companies) >= 2 and layoff_word and _COMPARE_MORE.search(normalized) and re.search(
            r"\bwh(o|ich)\b|谁|哪|边个|边间", normalized):  # (Cantonese 边个, 边间: which one, which firm)
        return "comparison"
    if re.match(r"(?:(?:please|can you|could you) )?(?:rank|sort|order)\b", normalized) and (layoff_word or companies):
        return "ranking"  # "Rank Google, Microsoft, Amazon and Meta by number of layoffs in 2023": asked to rank
    # ("从2022年到现在一共裁了多少人": "until now" closes a period from a year, no asking of the latest round)
    if _LATEST.search(_SINCE.sub(" ", normalized)) and (layoff_word or (not companies and (
            has_filter or "news" in normalized or "消息" in normalized or word_count(normalized) <= 3))):
        return "latest"
    if _ROUNDS.search(normalized) and layoff_word:
        return "timeline" if companies and _IN_ORDER.search(normalized) else "total"
    if _TOTAL.search(normalized) and _HOW_MANY.search(normalized) and companies and layoff_word:
        return "total"  # "how many did amazon cut in total across all rounds": the sum, not each round
    if _SUM.search(normalized) and companies and layoff_word and not _LIST.search(normalized):
        return "total"  # "Microsoft layoffs combined across all rounds?", "add up all of Meta's rounds": the sum
    if _SUM.search(normalized) and not companies and layoff_word and has_filter:
        return "total"  # "add up all the layoffs announced in january 2023 across the companies you have"
    if _TIMELINE.search(normalized) and companies and layoff_word:
        return "timeline"
    if _RANKING.search(normalized) and (layoff_word or re.search(r"\b(jobs|staff|workers|employees)\b",
                                                                  normalized)):
        return "ranking"  # with a company: "What was Meta's biggest layoff?" ranks Meta's rounds
    if _BY_PERIOD.search(normalized) and layoff_word and not companies:
        return "total"  # "layoffs by month in 2023": drawn as a chart
    if _TOTAL.search(normalized) and (layoff_word or _HOW_MANY.search(normalized)):
        if companies or has_filter or re.search(r"\b(tech|people|workers|employees|jobs)\b|人", normalized):
            return "total"
    if _HOW_MANY.search(normalized) and layoff_word and not companies and has_filter:
        return "total"  # "how many people were laid off in 2023"
    if (not companies and layoff_word and (filters["year"] or filters["country"]) and _EVERY.search(normalized)
            and not _HOW_MANY.search(normalized)):
        return "list"  # "every layoff announced in january 2023": each of the period's rounds, not their sum
    if _LIST.search(normalized) and (layoff_word or has_filter):
        if companies and not has_filter:
            return "timeline"  # "list Cisco's layoffs"
        return "list"
    if layoff_word and not companies and not _HOW_MANY.search(normalized) and (
            filters["industry"] or (filters["country"] and (filters["year"] or _COMPANY_WORD.search(normalized)))
    ) and not re.search(r"\b(when|did|does|do|is|are|was|were|will|can|could|what)\b"
                        # ... nor in Chinese ("在荷兰生病会被公司解雇吗": will the company dismiss me, a rule's)
                        r"|吗$|会被|会不会|能不能|可不可以|是否", normalized):
        return "list"  # "fintech layoffs 2023", "swedish companies layoffs"
    if layoff_word and not companies and filters["year"] and _only_a_period(normalized):
        return "total"  # "layoffs in Q2 2022", "layoffs november 2022": the period's total and its largest rounds
    if layoff_word and not companies and filters["year"] and re.search(r"\bcompan|哪|公司", normalized):
        return "list"
    return None


_RULE_CUE_TOPICS = frozenset({"notice", "severance", "consultation", "notification", "penalties", "protected"})


def _asks_a_rule(normalized: str) -> bool:
    """Whether a word of the question is a cue of a rule topic (bot.lexicon: notice, severance, ...), or it asks
    what a law counts as a mass layoff ("collective redundancy - how many employees triggers it", "at what point is
    it a collective redundancy in ireland"), not how many were laid off."""
    cues = lexicon.TOPIC_CUES
    if any(cues.get(lexicon.SYNONYMS.get(w, w)) in _RULE_CUE_TOPICS for w in normalized.split()) or any(
            topic in _RULE_CUE_TOPICS and cue in normalized for cue, topic in cues.items() if not cue.isascii()):
        return True
    padded = f" {normalized} "
    return bool(_MASS_LAYOFF_TERM.search(padded) and _THRESHOLD_ASKED.search(padded))


# A law's own term for a mass layoff, and a threshold asked of it
_MASS_LAYOFF_TERM = re.compile(r"\b(?:mass (?:layoffs?|dismissals?|terminations?)|collective(?: (?:redundanc(?:y|ies)|"
                               r"dismissals?))?|group terminations?|masslayoff|warn)\b|集体裁员|经济性裁员|大规模裁员")
_THRESHOLD_ASKED = re.compile(r"\b(?:thresholds?|triggers?|triggered|counts? as|qualif\w*|at what point|how many "
                              r"(?:employees|people|staff|workers|redundancies|dismissals)(?: \w+){0,4}? (?:before|"
                              r"does it take|triggers?|counts?|makes?|make it))\b|门槛|算|触发")


def _follow_up(normalized: str, previous: ViewQuery, companies: tuple[str, ...], filters: dict,
               context_year: int | None = None) -> ViewQuery | None:
    """A short follow-up that only changes a filter of the last view ("and in 2024?", "only fintech"); never
    one that asks about a rule ("新加坡裁员要通知政府吗" after a total: Singapore's law, not its layoffs)."""
    words = normalized.split()
    if _asks_a_rule(normalized):
        return None
    # the year the last view was of: its own, or its round's ("is that more than last yr?" after Amazon's latest)
    told = previous.year or (context_year if previous.kind == "latest" else None)
    if (filters["year"] is not None and told is not None and filters["year"] != told
            and not companies and _COMPARED.search(normalized) and len(words) <= 8):
        # "how does that compare with 2022?" after 2024's ranking: the two years side by side
        return ViewQuery("comparison", previous.company_ids, previous.country, previous.industry,
                         years=(told, filters["year"]), all_sectors=previous.all_sectors)
    if not (_FOLLOW_UP.search(normalized) or len(words) <= 3):
        return None
    if len(words) > 8:
        return None
    changes: dict = {}
    if filters["year"] is not None:
        changes.update(year=filters["year"], month=filters["month"])
    if filters["country"] is not None:
        changes["country"] = filters["country"]
    if filters["industry"] is not None:
        changes["industry"] = filters["industry"]
    if companies:
        if previous.kind == "comparison":
            changes["company_ids"] = tuple(dict.fromkeys(previous.company_ids + companies))
        elif previous.company_ids:
            changes["company_ids"] = companies
        else:
            return None  # "and Amazon?" after a list is a question about Amazon: the engine's
    if not changes:
        return None
    if "company_ids" in changes or "year" in changes:
        # "after that" was the last company's round: "和谷歌比呢" asks about Google's own
        changes.update(after=None, before=None)
    return replace(previous, **changes)


# -- the SQL ------------------------------------------------------------------------------

@dataclass
class Row:
    """One round: an event, with what was folded into it."""

    event_id: str
    company_id: str
    company: str
    date: str
    headcount: int | None
    percent: float | None
    country: str | None
    tier: int
    low: int | None = None  # the range reported figures span, when sources disagree
    high: int | None = None
    part_of: str | None = None  # the round whose headcount already counts this one's (not summed again)
    source_ids: list[str] = field(default_factory=list)
    rounds: int = 1  # a company's total (ranking by company): how many rounds it sums

    def __post_init__(self):
        self.company = (_DISPLAY_NAMES.get() or {}).get(self.company_id, self.company)


# Company names as the asker reads them (小红书 for a Chinese asker: `FactBase._names`), while `answer_view` writes;
# the events table holds the curator's English names.
_DISPLAY_NAMES: ContextVar[Mapping[str, str] | None] = ContextVar("display_names", default=None)


@dataclass
class Scope:
    events: int
    as_of: str | None
    notices: int = 0  # of the events, state WARN notices (origin warn-<state>)


# All rounds, merged once per state of the database file into an in-memory SQLite table with
# indexes: filtering, summing and ranking 28k events then takes milliseconds, not a full scan each.
_ALL_ROUNDS_SQL = """
with ev as (
  select e.id, e.company_id, e.date, e.headcount, e.percent, e.country, substr(e.date, 1, 7) as month,
         {part_of} as part_of,
         case when coalesce(e.origin, '') like 'import:warn:%' or coalesce(e.origin, '') like 'warn-%' then 2
              when coalesce(e.origin, '') like 'import:%' then 1 else 0 end as tier
  from events e where coalesce(e.retired, 0) = 0 and e.date is not null {employees} {company}
),
ranked as (select ev.*, min(tier) over (partition by company_id, month) as best from ev),
merged as (
  select id, company_id, date, headcount, percent, country, tier, part_of from ranked where tier = best and best < 2
  union all
  select min(id), company_id, max(date), sum(headcount), null, min(country), 2, null from ranked
  where best = 2 group by company_id, month
),
rep as (select event_id, min(headcount) as lo, max(headcount) as hi from event_reports
        where headcount is not null group by event_id)
select m.id, m.company_id, c.name, lower(coalesce(c.industry, '')), m.date, m.headcount, m.percent, m.country,
       m.tier,
       case when m.headcount is null then null else min(m.headcount, coalesce(rep.lo, m.headcount)) end,
       case when m.headcount is null then null else max(m.headcount, coalesce(rep.hi, m.headcount)) end,
       m.part_of
from merged m join companies c on c.id = m.company_id left join rep on rep.event_id = m.id
"""
_ROUNDS_TABLE = """
create table rounds (id text, company_id text, company text, industry text, date text, headcount integer,
                     percent real, country text collate nocase, tier integer, lo integer, hi integer,
                     part_of text);
create table industries (key text, company_id text, primary key (key, company_id)) without rowid;
"""
# Created once the rows are in: one sort per index instead of a B-tree insert per row and index.
_ROUNDS_INDEXES = """
create index rounds_date on rounds (date, headcount, lo, hi, company_id);
create index rounds_company on rounds (company_id, date);
create index rounds_country on rounds (country, date, headcount, lo, hi, company_id);
create index rounds_headcount on rounds (headcount, date);
create index rounds_percent on rounds (percent, headcount, date);
"""


class _Rounds:
    """The merged rounds of one state of a fact database, in memory; safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, today: dt.date, path: str = ""):
        self.memory = sqlite3.connect(":memory:", check_same_thread=False, uri=True)
        self.lock = threading.Lock()
        self.memory.executescript(_ROUNDS_TABLE)
        merged = _rounds_sql(conn, company="")
        if not (path and not conn.in_transaction and self._insert_from_file(path, merged)):
            self.memory.executemany("insert into rounds values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    conn.execute(merged))
        self.memory.executescript(_ROUNDS_INDEXES)
        for key, (_, _, _, patterns) in INDUSTRIES.items():
            self.memory.execute(
                "insert or ignore into industries select ?, company_id from rounds where "
                + " or ".join("industry like ?" for _ in patterns), [key, *patterns])
        self.memory.commit()
        count, as_of, notices = conn.execute(
            "select count(*), max(case when date <= ? then date end), "
            "coalesce(sum(coalesce(origin, '') like 'warn-%'), 0) from events where coalesce(retired, 0) = 0",
            (today.isoformat(),)).fetchone()
        self.scope = Scope(count, as_of, notices)

    def _insert_from_file(self, path: str, merged: str) -> bool:
        """Insert the rows of `merged` reading the database file at `path` attached read-only: SQLite
        to SQLite, the same rows in the same order as read through the caller's connection, without
        a Python object per value (a cold structured question spent 0.1-0.2 s on those). False, with
        nothing inserted, when the file cannot be read so (the caller then reads through its connection)."""
        try:
            self.memory.execute("attach database ? as source", (f"{Path(path).resolve().as_uri()}?mode=ro",))
        except sqlite3.Error:
            return False
        try:
            self.memory.execute(f"insert into rounds {merged}")
            self.memory.commit()
            return True
        except sqlite3.Error:
            self.memory.rollback()
            return False
        finally:
            self.memory.execute("detach database source")

    def query(self, sql: str, params: list) -> list[tuple]:
        with self.lock:
            return self.memory.execute(sql, params).fetchall()


_CACHE: dict[str, tuple[tuple, _Rounds]] = {}
_CACHE_LOCK = threading.Lock()
# One company's rounds by (database path, company id): (the file's key when read, the rows). Emptied past the max.
_COMPANY_ROUNDS: dict[tuple[str, str], tuple[tuple, list[Row]]] = {}
_COMPANY_ROUNDS_MAX = 4096


def _file_state(conn: sqlite3.Connection, today: dt.date) -> tuple[str, tuple] | None:
    """(path, key) of `conn`'s database file: the key changes when the file does (or the day, for `as of`);
    None for an in-memory or vanished database, which is never cached."""
    path = next((r[2] for r in conn.execute("pragma database_list") if r[1] == "main"), "")
    try:
        stat = os.stat(path)
    except OSError:
        return None
    try:  # in WAL mode a commit changes the -wal file, not the database file, until a checkpoint
        wal = os.stat(path + "-wal")
        wal_key = (wal.st_mtime_ns, wal.st_size)
    except OSError:
        wal_key = None
    return path, (stat.st_mtime_ns, stat.st_size, stat.st_ino, wal_key, today)


def _rounds(conn: sqlite3.Connection, today: dt.date) -> _Rounds:
    """The rounds of `conn`'s database, rebuilt when the file changes (or the day, for `as of`)."""
    state = _file_state(conn, today)
    if state is None:
        return _Rounds(conn, today)
    path, key = state
    with _CACHE_LOCK:
        cached = _CACHE.get(path)
        if cached is None or cached[0] != key:
            while len(_CACHE) >= 8:  # tests and tools open many bases; a server holds one
                _CACHE.pop(next(iter(_CACHE)))
            cached = _CACHE[path] = (key, _Rounds(conn, today, path))
        return cached[1]


def warm(conn: sqlite3.Connection) -> None:
    """Merge the rounds now (≈1 s at 28k events) rather than on the first structured question."""
    _rounds(conn, dt.date.today())


def _where(query: ViewQuery) -> tuple[str, list]:
    """The SQL condition on `rounds` for `query`. A company's state WARN notices count only where it
    announced no round itself in the period asked about: an announced round (Amazon's 18,000) usually
    includes the workers its notices name, so adding both would count them twice."""
    where, params = _filters(query)
    return (f"{where} and (tier < 2 or company_id not in (select company_id from rounds where {where} "
            "and tier < 2))", params + params)


def _filters(query: ViewQuery) -> tuple[str, list]:
    clauses, params = ["1"], []
    if query.reason_ids is not None:
        clauses.append(f"id in ({', '.join('?' * len(query.reason_ids))})" if query.reason_ids else "0")
        params.extend(query.reason_ids)
    if query.min_headcount is not None:
        clauses.append("headcount >= ?")
        params.append(query.min_headcount)
    if query.company_ids:
        clauses.append(f"company_id in ({', '.join('?' * len(query.company_ids))})")
        params.extend(query.company_ids)
    if query.country in REGIONS:
        countries = REGIONS[query.country][1]
        clauses.append(f"country in ({', '.join('?' * len(countries))})")
        params.extend(countries)
    elif query.country:
        clauses.append("country = ?")
        params.append(query.country)
    if query.year is not None:
        if query.month:
            start = f"{query.year:04d}-{query.month:02d}"
            last = query.month + query.span - 1  # the period's last month
            end = f"{query.year + last // 12:04d}-{last % 12 + 1:02d}"
        else:
            start, end = f"{query.year:04d}", f"{query.year + 1:04d}"
        clauses.append("date >= ? and date < ?")
        params.extend([start, end])
    if query.industry:
        clauses.append("company_id in (select company_id from industries where key = ?)")
        params.append(query.industry)
    if query.after:
        clauses.append("date > ?")
        params.append(query.after)
    if query.before:
        clauses.append("date < ?")
        params.append(query.before)
    return " and ".join(clauses), params


_ROW_COLUMNS = "id, company_id, company, date, headcount, percent, country, tier, lo, hi, part_of"


def _rows(conn: sqlite3.Connection, query: ViewQuery, order: str, limit: int | None, *,
          until: dt.date | None = None, known: str | None = None) -> list[Row]:
    """Rounds matching `query` in `order`; with `known` ("headcount"/"percent") only those stating it."""
    where, params = _where(query)
    if known in ("headcount", "percent"):
        where += f" and {known} is not null"
    if until is not None:
        where += " and date <= ?"
        params.append(until.isoformat())
    sql = f"select {_ROW_COLUMNS} from rounds where {where} order by {order}"
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    rows = [Row(*r) for r in _rounds(conn, until or dt.date.today()).query(sql, params)]
    _attach_sources(conn, rows)
    return rows


def _event_columns(conn: sqlite3.Connection) -> set[str]:
    return {r[1] for r in conn.execute("pragma table_info(events)")}


def _rounds_sql(conn: sqlite3.Connection, company: str) -> str:
    """`_ALL_ROUNDS_SQL` for this database (a base built before events had part_of or workers lacks them).
    Rounds of contract workers (`events.workers`: Twitter's 4,400 contractors) are no layoffs of a company's
    staff, so no view counts them."""
    columns = _event_columns(conn)
    return _ALL_ROUNDS_SQL.format(
        part_of="e.part_of" if "part_of" in columns else "null",
        employees="and coalesce(e.workers, 'employees') = 'employees'" if "workers" in columns else "",
        company=company)


def contract_rounds(conn: sqlite3.Connection, company_id: str) -> list[Row]:
    """The company's rounds of contract workers (`events.workers`), by date, each with its sources:
    told beside its rounds, never added to them."""
    if "workers" not in _event_columns(conn):
        return []
    rows = [Row(*r) for r in conn.execute(
        "select e.id, e.company_id, c.name, e.date, e.headcount, e.percent, e.country, 0 from events e "
        "join companies c on c.id = e.company_id where e.company_id = ? and coalesce(e.retired, 0) = 0 "
        "and e.workers = 'contractors' and e.date is not null order by e.date, e.id", [company_id])]
    _attach_sources(conn, rows)
    return rows


def company_rounds(conn: sqlite3.Connection, company_id: str, year: int | None = None,
                   month: int | None = None) -> list[Row]:
    """One company's rounds in the period, merged as the views merge them (an import in a month with
    a curated round folds into it; WARN notices one row a month), by date, each with its sources.
    Reads that company's events only: no need to merge every round of the base (≈1 s) first."""
    prefix = "" if year is None else f"{year:04d}" + ("" if month is None else f"-{month:02d}")
    state = _file_state(conn, dt.date.today())
    with _CACHE_LOCK:
        cached = _COMPANY_ROUNDS.get((state[0], company_id)) if state else None
    if cached is not None and cached[0] == state[1]:
        every = cached[1]
    else:  # every round of the company, read once while the file stays as it is (a question asks up to 3 times)
        every = [Row(*r[:3], *r[4:]) for r in conn.execute(_rounds_sql(conn, company="and e.company_id = ?"),
                                                             [company_id])]
        every.sort(key=lambda r: (r.date, r.event_id))
        _attach_sources(conn, every)
        if state is not None:
            with _CACHE_LOCK:
                if len(_COMPANY_ROUNDS) >= _COMPANY_ROUNDS_MAX:
                    _COMPANY_ROUNDS.clear()
                _COMPANY_ROUNDS[(state[0], company_id)] = (state[1], every)
    # copies: a caller may change its rows (their sources), never the ones kept
    return [replace(r, source_ids=list(r.source_ids)) for r in every if r.date.startswith(prefix)]


@dataclass
class Totals:
    rounds: int
    with_headcount: int
    people: int  # summed over the rounds not part of another (`Row.part_of`)
    low: int
    high: int
    companies: int
    included: int = 0  # rounds with a headcount counted inside another round's, not added again
    notices_left_out: int = 0  # WARN notices of companies that announced rounds in the period (`_where`)


# Sums leave out a round that is part of another: that round's figure already counts it.
_TOTALS_SELECT = (
    "count(*), count(headcount), coalesce(sum(case when part_of is null then headcount end), 0), "
    "coalesce(sum(case when part_of is null then lo end), 0), coalesce(sum(case when part_of is null then hi end), 0), "
    "count(distinct company_id), count(case when part_of is not null then headcount end)")


def _totals(conn: sqlite3.Connection, query: ViewQuery, group_by_company: bool = False):
    if group_by_company:
        return dict(_grouped_totals(conn, query, "company_id"))
    where, params = _where(query)
    rounds = _rounds(conn, dt.date.today())
    totals = Totals(*rounds.query(f"select {_TOTALS_SELECT} from rounds where {where}", params)[0])
    filters, filter_params = _filters(query)
    totals.notices_left_out = rounds.query(
        f"select count(*) from rounds where {filters} and tier = 2 and company_id in "
        f"(select company_id from rounds where {filters} and tier < 2)", filter_params + filter_params)[0][0]
    return totals


def _grouped_totals(conn: sqlite3.Connection, query: ViewQuery, key: str) -> list[tuple[str, Totals]]:
    """(key, its totals) for each value of the SQL expression `key` over `query`'s rounds, in key order:
    per company ("company_id"), month ("substr(date, 1, 7)") or year."""
    where, params = _where(query)
    found = _rounds(conn, dt.date.today()).query(
        f"select {key}, {_TOTALS_SELECT} from rounds where {where} group by 1 order by 1", params)
    return [(r[0], Totals(*r[1:])) for r in found]


def _attach_sources(conn: sqlite3.Connection, rows: list[Row]) -> None:
    """Each row's sources: its event's citations, then those of the imported rows folded into it."""
    if not rows:
        return
    keys = {(r.company_id, r.date[:7]) for r in rows}
    companies = sorted({k[0] for k in keys})
    months = sorted({k[1] for k in keys})
    found = conn.execute(
        f"""select e.id, e.company_id, substr(e.date, 1, 7), case when coalesce(e.origin, '') like 'import:warn:%'
            or coalesce(e.origin, '') like 'warn-%' then 2
            when coalesce(e.origin, '') like 'import:%' then 1 else 0 end,
            ci.source_id
            from events e join citations ci on ci.item_id = e.id
            where coalesce(e.retired, 0) = 0 and e.company_id in ({', '.join('?' * len(companies))})
            and substr(e.date, 1, 7) in ({', '.join('?' * len(months))})
            order by e.id, ci.position""",
        [*companies, *months],
    ).fetchall()
    by_event: dict[str, list[str]] = {}
    folded: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for event_id, company_id, month, tier, source_id in found:
        by_event.setdefault(event_id, []).append(source_id)
        if (company_id, month) in keys:
            folded.setdefault((company_id, month), []).append((tier, event_id, source_id))
    for row in rows:
        ids = list(by_event.get(row.event_id, []))
        for tier, event_id, source_id in folded.get((row.company_id, row.date[:7]), []):
            if event_id != row.event_id and (tier > row.tier or (tier == row.tier == 2)):
                ids.append(source_id)
        row.source_ids = list(dict.fromkeys(ids))


def scope(conn: sqlite3.Connection, today: dt.date | None = None) -> Scope:
    """How many live events the base holds and the date of the newest one (not after today)."""
    return _rounds(conn, today or dt.date.today()).scope


# -- the answer ---------------------------------------------------------------------------

_n = number_text


def _date_zh(iso: str | None) -> str:
    if not iso:
        return "日期不详"
    parts = iso.split("-")
    text = f"{int(parts[0])}年"
    if len(parts) > 1:
        text += f"{int(parts[1])}月"
    if len(parts) > 2:
        text += f"{int(parts[2])}日"
    return text


class _Writer:
    """Numbers sources as they are cited and words things in the question's language."""

    def __init__(self, zh: bool, sources: dict[str, Source], names: list[str]):
        self.zh = zh
        self.sources = sources
        self.names = names
        self.numbers: dict[str, int] = {}

    def cite(self, row: Row, most: int = 2) -> str:
        marks = []
        for source_id in row.source_ids:
            if source_id not in self.sources:
                continue
            if source_id not in self.numbers:
                self.numbers[source_id] = len(self.numbers) + 1
            marks.append(f"[{self.numbers[source_id]}]")
            if len(marks) == most:
                break
        return "".join(marks)

    def date(self, iso: str | None) -> str:
        return _date_zh(iso) if self.zh else human_date(iso)

    def when(self, iso: str | None) -> str:
        """English: "on 4 November 2022" or "in November 2022"; Chinese: the date."""
        if self.zh:
            return _date_zh(iso)
        return ("on " if iso and len(iso) == 10 else "in ") + human_date(iso)

    def period(self, query: ViewQuery) -> str:
        if query.after and query.after.endswith("-12-31") and not query.before:  # "since 2022"
            year = int(query.after[:4]) + 1
            return f"{year}年以来" if self.zh else f"since {year}"
        if query.after or query.before:
            side, date = ("之后", query.after) if query.after else ("之前", query.before)
            if self.zh:
                return f"{_date_zh(date)}{side}"
            return f"{'after' if query.after else 'before'} {human_date(date)}"
        if query.year is None:
            return ""
        if query.month and query.span == 3:
            quarter = (query.month + 2) // 3
            return f"{query.year}年第{quarter}季度" if self.zh else f"in Q{quarter} {query.year}"
        if query.month == 1 and query.span > 12 and query.span % 12 == 0:  # whole years: "2023 and 2024"
            last = query.year + query.span // 12 - 1
            return f"{query.year}–{last}年" if self.zh else f"in {query.year}–{last}"
        if query.month and query.span == 6:
            first = query.month == 1
            return f"{query.year}年{'上' if first else '下'}半年" if self.zh else \
                f"in the {'first' if first else 'second'} half of {query.year}"
        if query.month and query.span > 1:  # "from nov 2022 through jan 2026"
            last = query.month + query.span - 2
            first, end = f"{query.year}-{query.month:02d}", f"{query.year + last // 12}-{last % 12 + 1:02d}"
            if self.zh:
                return f"{_date_zh(first)}至{_date_zh(end)}"
            return f"from {human_date(first)} to {human_date(end)}"
        if self.zh:
            return f"{query.year}年" + (f"{query.month}月" if query.month else "")
        return ("in " + human_date(f"{query.year}-{query.month:02d}")) if query.month else f"in {query.year}"

    def where(self, query: ViewQuery) -> str:
        parts = []
        if query.country:
            parts.append(COUNTRY_ZH.get(query.country, query.country) if self.zh else f"in {query.country}")
        if query.industry:
            en, zh, _, _ = INDUSTRIES[query.industry]
            parts.append(f"{zh}行业" if self.zh else f"in {en}")
        if query.min_headcount is not None:
            # (as asked: "more than 10,000" filters 10,001 or more)
            over = query.min_headcount - 1 if query.min_exclusive else None
            if self.zh:
                parts.append(f"单轮超过{over:,}人" if over is not None else f"单轮至少{query.min_headcount:,}人")
            else:
                parts.append(f"in rounds of more than {over:,} people" if over is not None
                             else f"in rounds of {query.min_headcount:,} people or more")
        if query.reason:
            parts.append(f"因{query.reason}相关原因" if self.zh
                         else f"with reasons on record that mention {query.reason}")
        return ("" if self.zh else " ").join(parts)

    def filters(self, query: ViewQuery) -> str:
        if self.zh:
            return self.period(query) + self.where(query)
        return " ".join(p for p in (self.period(query), self.where(query)) if p)

    def figure(self, row: Row) -> str:
        """"11,000 (13%)", "5%", "10,000–12,000" or "undisclosed"."""
        parts = []
        if row.headcount is not None:
            if row.low is not None and row.high is not None and row.low != row.high:
                parts.append(f"{_n(row.low)}–{_n(row.high)}" + ("人" if self.zh else ""))
            else:
                parts.append(_n(row.headcount) + ("人" if self.zh else ""))
        if row.percent is not None:
            parts.append(f"{_n(row.percent)}%")
        if not parts:
            return "人数未披露" if self.zh else "undisclosed"
        return f"{parts[0]} ({parts[1]})" if len(parts) == 2 else parts[0]

    def row(self, row: Row, *, company: bool = True) -> str:
        sep = "，" if self.zh else ", "
        head = (row.company + sep) if company else ""
        return f"{head}{self.date(row.date)}{'：' if self.zh else ': '}{self.figure(row)} {self.cite(row)}".rstrip()

    def scope(self, s: Scope) -> str:
        if self.names:  # a named company's rounds: the base's size says nothing of them, its date does
            as_of = _date_zh(s.as_of) if self.zh else human_date(s.as_of)
            return f"本事实库（截至{as_of}）" if self.zh else f"In this fact base (the latest dated {as_of})"
        if self.zh:
            notices = f"，其中{_n(s.notices)}条为美国州 WARN 通知" if s.notices else ""
            return f"本事实库（共{_n(s.events)}条事件{notices}，截至{_date_zh(s.as_of)}）"
        notices = f", {_n(s.notices)} of them state WARN notices" if s.notices else ""
        # ("the latest dated": the newest event's date, not the day the base was last curated, which /about gives)
        return f"In this fact base ({_n(s.events)} events{notices}, the latest dated {human_date(s.as_of)})"

    def undisclosed(self, totals: Totals, *, listed: bool = True) -> str:
        """What the total leaves out: rounds without a headcount, rounds counted inside another, and WARN
        notices of companies that announced rounds themselves."""
        missing = totals.rounds - totals.with_headcount
        notes = []
        if self.zh:
            if missing:
                notes.append(f"另有{_n(missing)}轮未披露人数，{'已列出但' if listed else ''}未计入总数。")
            if totals.included:
                notes.append(f"{_n(totals.included)}轮的人数已包含在另一轮的数字中，未重复计入。")
            if totals.notices_left_out:
                notes.append(f"已公布裁员的公司在同期提交的{_n(totals.notices_left_out)}份WARN通知未另行计入"
                             "（公布的数字通常已包含这些员工）。")
            return "".join(notes)
        if missing:
            plural = missing != 1
            notes.append(f"{_n(missing)} round{'s' if plural else ''} without a headcount "
                         f"{'are' if plural else 'is'} {'listed but ' if listed else ''}not counted.")
        if totals.included:
            plural = totals.included != 1
            notes.append(f"{_n(totals.included)} round{'s' if plural else ''} already counted in a later or larger "
                         f"round's figure {'are' if plural else 'is'} not added again.")
        if totals.notices_left_out:
            plural = totals.notices_left_out != 1
            notes.append(f"{_n(totals.notices_left_out)} WARN notice{'s' if plural else ''} filed by companies that "
                         "announced their own rounds in this period "
                         f"{'are' if plural else 'is'} not added: the announced figures usually include those workers.")
        return " ".join(notes)

    def people(self, totals: Totals) -> str:
        if not totals.with_headcount:  # no round of the period gives a figure: not "about 0 people"
            return "人数未披露" if self.zh else "an undisclosed number of people"
        return f"约{_n(totals.people)}人" if self.zh else f"about {_n(totals.people)} people"

    def spread(self, totals: Totals) -> str:
        """The range the total spans when sources disagree on some rounds' figures, as a sentence."""
        if totals.low == totals.high:
            return ""
        if self.zh:
            return f"部分轮次各来源数字不一，总数在{_n(totals.low)}至{_n(totals.high)}人之间。"
        return f"Sources disagree on some rounds: the total lies between {_n(totals.low)} and {_n(totals.high)}."

    def rounds(self, count: int) -> str:
        return f"{_n(count)}轮" if self.zh else f"{_n(count)} round{'s' if count != 1 else ''}"

    def per_period(self, periods: list[tuple[str, Totals]], per: str) -> str:
        """"By month: January 2023, about 80,000 people (150 rounds); ..." (the rounds with a headcount
        summed, as the total is)."""
        if self.zh:
            items = "；".join(f"{self.date(p)}{self.people(t)}（{self.rounds(t.rounds)}）" for p, t in periods)
            return f"{'按月' if per == 'month' else '按年'}：{items}。"
        items = "; ".join(f"{self.date(p)}, {self.people(t)} ({self.rounds(t.rounds)})" for p, t in periods)
        return f"By {per}: {items}."

    def listing(self, rows: list[Row], total: int, *, company: bool = True, largest: bool = False) -> str:
        """Up to TEXT_ROWS rows in their order; with `largest`, the largest of them (still in order)."""
        shown = rows[:TEXT_ROWS]
        if largest and len(rows) > TEXT_ROWS:
            keep = sorted(rows, key=lambda r: (r.headcount is None, -(r.headcount or 0)))[:TEXT_ROWS]
            shown = [r for r in rows if any(r is k for k in keep)]
        sep = "；" if self.zh else "; "
        text = sep.join(self.row(r, company=company) for r in shown)
        if total > len(shown):
            more = total - len(shown)
            text += f"{sep}另有{_n(more)}轮见下表" if self.zh else f"; {_n(more)} more in the table"
        return text + ("。" if self.zh else ".")

    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(n, self.sources[s].title, self.sources[s].publisher, self.sources[s].published,
                              self.sources[s].url) for s, n in sorted(self.numbers.items(), key=lambda p: p[1]))


def table_rows(rows: list[Row], sources: dict[str, Source]) -> tuple[dict, ...]:
    """The rows as `ask --json` shows them: company, date, headcount, percent, country, sources (urls)."""
    out = []
    for r in rows:
        item = {"company": r.company, "date": r.date, "headcount": r.headcount, "percent": r.percent,
                "country": r.country, "sources": [sources[s].url for s in r.source_ids if s in sources]}
        if r.headcount is not None and r.low is not None and r.high is not None and r.low != r.high:
            item["headcount_range"] = [r.low, r.high]
        out.append(item)
    return tuple(out)


_ORDER = {
    "headcount": "headcount is null, headcount desc, date desc",
    "percent": "percent is null, percent desc, headcount desc, date desc",
    "date": "date, company",
    "recent": "date desc, headcount is null, headcount desc",
    "known-headcount": "headcount desc, date desc",  # with `known`: can walk an index
    "known-percent": "percent desc, headcount desc, date desc",
}


def answer_view(conn: sqlite3.Connection, query: ViewQuery, *, question: str, sources: dict[str, Source],
                today: dt.date | None = None, names: Mapping[str, str] | None = None) -> Answer:
    """Run the view's SQL and write the answer: the first sentence answers, each row cites its sources.
    `names`: company id -> the name to write (the asker's language); else the base's names.

    Raises sqlite3.Error when the database cannot be read.
    """
    token = _DISPLAY_NAMES.set(names)
    try:
        return _answer_view(conn, query, question=question, sources=sources, today=today)
    finally:
        _DISPLAY_NAMES.reset(token)


def _answer_view(conn: sqlite3.Connection, query: ViewQuery, *, question: str, sources: dict[str, Source],
                 today: dt.date | None) -> Answer:
    today = today or dt.date.today()
    writer = _Writer(has_cjk(question), sources, writer_names(conn, query.company_ids))
    base = scope(conn, today)
    claims, rows = _COMPOSERS[query.kind](conn, query, writer, base, today)
    note = ""
    if query.per_country:
        note = ("我只按公司排名，不按国家排名；以下是裁员人数最多的公司。" if writer.zh else
                "I rank companies, not countries: these are the companies that cut the most.")
    if query.all_sectors:  # (after the answer it speaks of: "以上", "this")
        claims = (*claims, "本库不区分科技公司与其他公司：以上计入所有公司。" if writer.zh else
                  "The base does not tell tech companies from others: this counts every company.")
    if query.industry:
        # "no layoffs are recorded in 2024 in United Kingdom in retail" read as if there were none: say how few
        # companies the base knows the industry of
        known, companies = conn.execute("select count(nullif(industry, '')), count(*) from companies").fetchone()
        if known < companies:
            # (after the answer, which leads: what was asked first)
            claims = (*claims, f"本库只记录了{companies:,}家公司中{known:,}家的行业：其余公司未计入。" if writer.zh
                      else f"The base records the industry of only {known:,} of its {companies:,} companies: the "
                           "others are not counted.")
    return Answer(question, True, tuple(c for c in claims if c), writer.citations(), 1.0,
                  tuple(r.event_id for r in rows), (), note, table=table_rows(rows, sources), view_kind=query.kind,
                  view=query, lang=language_of(question))


def _nothing(writer: _Writer, base: Scope, query: ViewQuery) -> str:
    what = writer.filters(query)
    names = writer.names
    if writer.zh:
        return f"{writer.scope(base)}没有{'、'.join(names)}{what}的裁员记录。"
    at = f"at {' or '.join(names)}" if names else ""
    # "records no layoffs", not "there are none": the base's absence of a record is no fact about the world
    return f"{writer.scope(base)}, no layoffs are recorded {' '.join(p for p in (at, what) if p)}".rstrip() + "."


def _company_totals(conn: sqlite3.Connection, query: ViewQuery) -> list[Row]:
    """The companies that cut the most people (summed over their rounds), largest first: one Row each,
    with the period its rounds span as `date` ("2023-01/2023-06") and every round's sources."""
    where, params = _where(query)
    top = _rounds(conn, dt.date.today()).query(
        f"select company_id from rounds where {where} and headcount is not null group by company_id "
        "order by sum(case when part_of is null then headcount end) desc, max(date) desc limit ?",
        [*params, query.limit])
    ids = tuple(r[0] for r in top)
    if not ids:
        return []
    rounds = _rows(conn, replace(query, company_ids=ids), _ORDER["date"], None)
    out = []
    for company_id in ids:
        own = [r for r in rounds if r.company_id == company_id]
        first, last = own[0].date[:7], own[-1].date[:7]
        known = [r for r in own if r.headcount is not None and r.part_of is None]
        cited_first = sorted(own, key=lambda r: (r not in known, -(r.headcount or 0)))
        row = Row(own[0].event_id, company_id, own[0].company, first if first == last else f"{first}/{last}",
                  sum(r.headcount for r in known), None, own[0].country if len({r.country for r in own}) == 1
                  else None, 0, sum(r.low for r in known), sum(r.high for r in known),
                  # the rounds the total counts cite first, the largest first
                  source_ids=list(dict.fromkeys(s for r in cited_first for s in r.source_ids)))
        row.rounds = len(own)
        out.append(row)
    return out


def _company_ranking(conn, query, writer, base, today):
    rows = _company_totals(conn, query)
    if not rows:
        return [_nothing(writer, base, query)], []
    top, what = rows[0], writer.filters(query)

    def each(r: Row) -> str:
        return (f"{r.company}：{writer.figure(r)}（{writer.rounds(r.rounds)}）{writer.cite(r)}" if writer.zh
                else f"{r.company}: {writer.figure(r)} over {writer.rounds(r.rounds)} {writer.cite(r)}")

    if writer.zh:
        first = (f"{writer.scope(base)}，{what}裁员人数最多的公司是{top.company}：{writer.figure(top)}，"
                 f"共{writer.rounds(top.rounds)}{writer.cite(top)}。")
        rest = "；".join(f"{i}. {each(r)}" for i, r in enumerate(rows[1:TEXT_ROWS], 2))
        claims = [first, f"其后：{rest}。" if rest else ""]
    else:
        first = (f"{writer.scope(base)}, the company that cut the most people{' ' + what if what else ''} was "
                 f"{top.company}: {writer.figure(top)} over {writer.rounds(top.rounds)} {writer.cite(top)}.")
        rest = "; ".join(f"{i}. {each(r)}" for i, r in enumerate(rows[1:TEXT_ROWS], 2))
        claims = [first, f"Next: {rest}." if rest else ""]
    return claims, rows


def _ranking(conn, query, writer, base, today):
    if query.by == "company":
        return _company_ranking(conn, query, writer, base, today)
    measure = "percent" if query.by == "percent" else "headcount"
    rows = _rows(conn, query, _ORDER[f"known-{measure}"], None if query.limit is None else 2 * query.limit,
                 known=measure)
    # A round counted inside another one ranked (`part_of`: Alibaba's June 2022 quarter in its 19,000 of 2022) is
    # that round again, not a layoff beside it
    ranked = {r.event_id for r in rows}
    rows = [r for r in rows if r.part_of not in ranked][: query.limit]
    if not rows:
        return [_nothing(writer, base, query)], []
    top = rows[0]
    what = writer.filters(query)
    company = ", ".join(writer_names(conn, query.company_ids)) if query.company_ids else ""
    if writer.zh:
        measure = "按裁员比例" if query.by == "percent" else "按人数"
        subject = f"{company}{what}" if company or what else ""
        first = (f"{writer.scope(base)}，{subject}{measure}规模最大的裁员是{top.company}"
                 f"（{writer.date(top.date)}，{writer.figure(top)}）{writer.cite(top)}。")
        rest = "；".join(f"{i}. {writer.row(r)}" for i, r in enumerate(rows[1:TEXT_ROWS], 2))
        claims = [first, f"其后：{rest}。" if rest else ""]
        if query.all_time:
            claims.append("本库并未收录所有裁员，排名仅限库中事件。")
    else:
        measure = "by share of staff" if query.by == "percent" else "by headcount"
        subject = " ".join(p for p in (f"at {company}" if company else "", what) if p)
        first = (f"{writer.scope(base)}, the biggest layoff{' ' + subject if subject else ''} {measure} was "
                 f"{possessive(top.company)} {writer.when(top.date)}: {writer.figure(top)} {writer.cite(top)}.")
        rest = "; ".join(f"{i}. {writer.row(r)}" for i, r in enumerate(rows[1:TEXT_ROWS], 2))
        claims = [first, f"Next: {rest}." if rest else ""]
        if query.all_time:
            claims.append("The base does not hold every layoff ever made: this ranks only the events it holds.")
    return claims, rows


def writer_names(conn: sqlite3.Connection, company_ids: tuple[str, ...]) -> list[str]:
    if not company_ids:
        return []
    names = dict(conn.execute(f"select id, name from companies where id in ({', '.join('?' * len(company_ids))})",
                              company_ids).fetchall())
    shown = _DISPLAY_NAMES.get() or {}
    return [shown.get(c) or names.get(c, c) for c in company_ids]


def _total(conn, query, writer, base, today):
    totals = _totals(conn, query)
    if not totals.rounds:
        return [_nothing(writer, base, query)], []
    names = writer_names(conn, query.company_ids)
    company = "、".join(names) if writer.zh else " and ".join(names)
    what = writer.filters(query)
    single = len(query.company_ids) == 1
    rows = _rows(conn, query, _ORDER["date"] if single else _ORDER["headcount"], MAX_TABLE_ROWS if single else 10)
    if writer.zh:
        subject = f"{company}{what}" if company else (what or "全部")
        if query.by == "rounds":
            first = (f"{writer.scope(base)}，{subject}共有{writer.rounds(totals.rounds)}裁员，"
                     f"合计{writer.people(totals)}。")
        else:
            first = f"{writer.scope(base)}，{subject}共裁员{writer.people(totals)}，分{writer.rounds(totals.rounds)}。"
        label = ("各轮：" if single and totals.rounds <= TEXT_ROWS
                 else "规模最大的几轮（按时间）：" if single else "规模最大的几轮：")
        detail = label + writer.listing(rows, totals.rounds if single else 0, company=not single, largest=single)
    else:
        if query.by == "rounds":
            subject = f"{company} had" if company else "there were"
            first = (f"{writer.scope(base)}, {subject} {writer.rounds(totals.rounds)} of layoffs"
                     f"{' ' + what if what else ''}, {writer.people(totals)} in all.")
        else:
            subject = f"{company} laid off" if company else "companies laid off"
            first = (f"{writer.scope(base)}, {subject} {writer.people(totals)}{' ' + what if what else ''} "
                     f"over {writer.rounds(totals.rounds)}.")
        label = ("The rounds: " if single and totals.rounds <= TEXT_ROWS
                 else "The largest rounds, by date: " if single else "The largest: ")
        detail = label + writer.listing(rows, totals.rounds if single else 0, company=not single, largest=single)
    listed = single and totals.rounds <= MAX_TABLE_ROWS
    period = "substr(date, 1, 7)" if query.per == "month" else "substr(date, 1, 4)"
    per = [writer.per_period(_grouped_totals(conn, query, period), query.per)] if query.per else []
    return [first, *per, detail, writer.undisclosed(totals, listed=listed), writer.spread(totals)], rows


def _list(conn, query, writer, base, today):
    totals = _totals(conn, query)
    if not totals.rounds:
        return [_nothing(writer, base, query)], []
    rows = _rows(conn, query, _ORDER["headcount"], MAX_TABLE_ROWS)
    what = writer.filters(query)
    if writer.zh:
        first = (f"{writer.scope(base)}，{what}有{_n(totals.companies)}家公司裁员，共{writer.rounds(totals.rounds)}，"
                 f"合计{writer.people(totals)}。")
        detail = "按规模排列：" + writer.listing(rows, totals.rounds)
    else:
        first = (f"{writer.scope(base)}, {_n(totals.companies)} compan{'ies' if totals.companies != 1 else 'y'} "
                 f"cut jobs{' ' + what if what else ''}: {writer.rounds(totals.rounds)}, {writer.people(totals)}.")
        detail = "Largest first: " + writer.listing(rows, totals.rounds)
    if totals.rounds > MAX_TABLE_ROWS:
        detail += (f"（表中列出最大的{MAX_TABLE_ROWS}轮。）" if writer.zh
                   else f" (The table lists the largest {MAX_TABLE_ROWS}.)")
    return [first, detail, writer.undisclosed(totals), writer.spread(totals)], rows


def _period_comparison(conn, query, writer, base, today):
    stats = {year: _totals(conn, replace(query, year=year, years=())) for year in query.years}
    ordered = sorted(query.years, key=lambda y: -stats[y].people)
    lead, others = ordered[0], ordered[1:]
    s = stats[lead]
    what = writer.filters(replace(query, years=()))
    names = "、".join(writer.names) if writer.zh else " and ".join(writer.names)
    if writer.zh:
        against = "，".join(f"{y}年为{_n(stats[y].people)}人（{writer.rounds(stats[y].rounds)}）" for y in others)
        first = (f"{names}{what}{lead}年裁员更多：约{_n(s.people)}人，共{writer.rounds(s.rounds)}；{against}。")
    else:
        against = ", ".join(f"{_n(stats[y].people)} over {writer.rounds(stats[y].rounds)} in {y}" for y in others)
        subject = " ".join(p for p in (f"at {names}" if names else "", what) if p)
        first = (f"{lead} saw more layoffs{' ' + subject if subject else ''}: about {_n(s.people)} over "
                 f"{writer.rounds(s.rounds)}, against {against}.")
    rows = []
    for year in query.years:
        rows += _rows(conn, replace(query, year=year, years=()), _ORDER["known-headcount"], 3, known="headcount")
    detail = (writer.scope(base) + ("，各年规模最大的几轮：" if writer.zh else ", the largest rounds of each year: ")
              + writer.listing(rows, len(rows)))
    missing = sum(stats[y].rounds - stats[y].with_headcount for y in query.years)
    note = Totals(missing, 0, 0, 0, 0, 0)
    return [first, detail, writer.undisclosed(note, listed=False)], rows


def _comparison(conn, query, writer, base, today):
    if query.years:
        return _period_comparison(conn, query, writer, base, today)
    per = _totals(conn, query, group_by_company=True)
    names = dict(zip(query.company_ids, writer_names(conn, query.company_ids), strict=True))
    rows = _rows(conn, query, _ORDER["date"], MAX_TABLE_ROWS)
    what = writer.filters(query)
    empty = Totals(0, 0, 0, 0, 0, 0)
    stats = {c: per.get(c, empty) for c in query.company_ids}
    if query.by == "percent":
        best = {c: max((r.percent for r in rows if r.company_id == c and r.percent is not None), default=None)
                for c in query.company_ids}
        known = [c for c in query.company_ids if best[c] is not None]
        if not known:
            return [_nothing(writer, base, query)], rows
        ordered = sorted(known, key=lambda c: -best[c])
        lead, others = ordered[0], ordered[1:]
        if writer.zh:
            against = "，".join(f"{names[c]}最多为{_n(best[c])}%" for c in others)
            first = (f"{names[lead]}裁员比例更高：单轮最多{_n(best[lead])}%"
                     + (f"，而{against}" if against else "") + "。")
        else:
            against = ", ".join(f"{_n(best[c])}% at {names[c]}" for c in others)
            first = (f"{names[lead]} cut the bigger share: up to {_n(best[lead])}% of staff in one round"
                     + (f", against {against}" if against else "") + ".")
        missing = [names[c] for c in query.company_ids if best[c] is None]
        if missing:
            first += (f"（{'、'.join(missing)}没有比例数据。）" if writer.zh
                      else f" ({', '.join(missing)}: no percentage in this base.)")
    else:
        if not any(stats[c].rounds for c in query.company_ids):
            return [_nothing(writer, base, query)], rows
        # Only companies whose rounds state a headcount are compared; one whose rounds state none cut an unknown
        # number (not 0), and one with no round in the period cut none on record: each is said as such.
        figured = sorted((c for c in query.company_ids if stats[c].with_headcount), key=lambda c: -stats[c].people)
        ordered = figured + [c for c in query.company_ids if c not in figured]
        lead, others = ordered[0], ordered[1:]
        s = stats[lead]
        tie = len(figured) >= 2 and stats[figured[1]].people == s.people

        def told(c: str) -> str:
            if not stats[c].rounds:
                return f"{names[c]}没有裁员记录" if writer.zh else f"no round on record for {names[c]}"
            if not stats[c].with_headcount:
                return (f"{names[c]}未披露人数（{writer.rounds(stats[c].rounds)}）" if writer.zh
                        else f"an undisclosed number over {writer.rounds(stats[c].rounds)} for {names[c]}")
            return (f"{names[c]}为{_n(stats[c].people)}人（{writer.rounds(stats[c].rounds)}）" if writer.zh
                    else f"{_n(stats[c].people)} over {writer.rounds(stats[c].rounds)} for {names[c]}")

        if writer.zh:
            if not figured:
                first = f"{what}无法比较人数：" + "；".join(told(c) for c in ordered) + "。"
            else:
                verdict = ("只有" + names[lead] + "公布了裁员人数" if len(figured) == 1
                           else "两者相同" if tie else f"{names[lead]}裁员更多")
                first = f"{verdict}：{what}约{_n(s.people)}人，共{writer.rounds(s.rounds)}；" + "，".join(
                    told(c) for c in others) + "。"
        else:
            if not figured:
                first = (f"No headcount to compare{' ' + what if what else ''}: "
                         + "; ".join(told(c) for c in ordered) + ".")
            else:
                verdict = (f"Only {possessive(names[lead])} rounds state a headcount" if len(figured) == 1
                           else "They cut the same number" if tie else f"{names[lead]} cut more")
                first = (f"{verdict}{' ' + what if what else ''}: about {_n(s.people)} over "
                         f"{writer.rounds(s.rounds)}, against " + ", ".join(told(c) for c in others) + ".")
        missing = sum(stats[c].rounds - stats[c].with_headcount for c in query.company_ids)
        if missing:
            first += (f"另有{missing}轮未披露人数，未计入。" if writer.zh
                      else f" {missing} round{'s' if missing != 1 else ''} without a headcount "
                           f"{'are' if missing != 1 else 'is'} not counted.")
    detail = writer.scope(base) + ("：" if writer.zh else ": ") + writer.listing(rows, len(rows), largest=True)
    return [first, detail], rows


def _timeline(conn, query, writer, base, today):
    totals = _totals(conn, query)
    if not totals.rounds:
        return [_nothing(writer, base, query)], []
    rows = _rows(conn, query, _ORDER["date"], MAX_TABLE_ROWS)
    names = "、".join(writer_names(conn, query.company_ids)) if writer.zh else " and ".join(
        writer_names(conn, query.company_ids))
    what = writer.filters(query)
    several = len(query.company_ids) > 1
    if writer.zh:
        first = (f"{writer.scope(base)}，{names}{what}共有{writer.rounds(totals.rounds)}裁员，"
                 f"合计{writer.people(totals)}。")
        label = "按时间顺序：" if totals.rounds <= TEXT_ROWS else "规模最大的几轮（按时间）："
        detail = label + writer.listing(rows, totals.rounds, company=several, largest=True)
    else:
        first = (f"{writer.scope(base)}, {names} had {writer.rounds(totals.rounds)} of layoffs"
                 f"{' ' + what if what else ''}, {writer.people(totals)} in all.")
        label = "By date: " if totals.rounds <= TEXT_ROWS else "The largest rounds, by date: "
        detail = label + writer.listing(rows, totals.rounds, company=several, largest=True)
    return [first, detail, _contract_workers(conn, query, writer), writer.undisclosed(totals),
            writer.spread(totals)], rows


def _contract_workers(conn, query: ViewQuery, writer: _Writer) -> str:
    """One company's cuts of contract workers in the timeline's period (Twitter's 4,400 of November 2022), said
    apart: they were not its staff, so no round above counts them. "" when it has none."""
    if len(query.company_ids) != 1:
        return ""
    prefix = f"{query.year:04d}" if query.year else ""
    cut = [r for r in contract_rounds(conn, query.company_ids[0]) if r.date.startswith(prefix)]
    if not cut:
        return ""
    if writer.zh:
        said = [f"{writer.date(r.date)}裁减合同工{writer.figure(r)}{writer.cite(r)}" for r in cut]
        return "以上未计入（非其雇员）：" + "；".join(said) + "。"
    return ("Not counted above, as they were not its employees: " + "; ".join(
        f"{writer.figure(r)} contract workers cut on {writer.date(r.date)} {writer.cite(r)}" for r in cut) + ".")


def _latest(conn, query, writer, base, today):
    sql_rows = _rows_until(conn, query, today)
    if not sql_rows:
        return [_nothing(writer, base, query)], []
    top = sql_rows[0]
    what = writer.filters(query)
    names = "、".join(writer_names(conn, query.company_ids)) if writer.zh else " and ".join(
        writer_names(conn, query.company_ids))
    if writer.zh:
        subject = f"{names}{what}"
        first = (f"{writer.scope(base)}，{subject}最近的一次裁员是{top.company}（{writer.date(top.date)}，"
                 f"{writer.figure(top)}）{writer.cite(top)}。")
        rest = "；".join(writer.row(r) for r in sql_rows[1:TEXT_ROWS])
        claims = [first, f"再往前：{rest}。" if rest else ""]
    else:
        subject = " ".join(p for p in (f"at {names}" if names else "", what) if p)
        if len(query.company_ids) == 1:  # "Block's most recent layoff was on 26 February 2026": named once
            first = (f"{writer.scope(base)}, {possessive(top.company)} most recent layoff{' ' + what if what else ''} "
                     f"was {writer.when(top.date)}: {writer.figure(top)} {writer.cite(top)}.")
        else:
            first = (f"{writer.scope(base)}, the most recent layoff{' ' + subject if subject else ''} was "
                     f"{possessive(top.company)} {writer.when(top.date)}: {writer.figure(top)} {writer.cite(top)}.")
        rest = "; ".join(writer.row(r) for r in sql_rows[1:TEXT_ROWS])
        claims = [first, f"Before that: {rest}." if rest else ""]
    return claims, sql_rows


def _rows_until(conn: sqlite3.Connection, query: ViewQuery, today: dt.date) -> list[Row]:
    return _rows(conn, query, _ORDER["recent"], query.limit, until=today)


_COMPOSERS = {"ranking": _ranking, "total": _total, "list": _list, "comparison": _comparison,
              "timeline": _timeline, "latest": _latest}


# -- charts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartData:
    """What a bar chart shows: `labels` and `values` (people laid off) with its title, axis labels
    and source line. `horizontal` for rankings (long company names)."""

    title: str
    x_label: str
    y_label: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    source_line: str
    horizontal: bool = False


def chart_data(conn: sqlite3.Connection, query: ViewQuery, *, question: str = "",
               today: dt.date | None = None) -> ChartData | None:
    """The chart for a view: a ranking or comparison as bars by company, a timeline as bars by round,
    totals, lists and the latest as layoffs by month (one year) or by year. None when nothing to draw.
    Labelled in the question's language and script."""
    data = _chart_data(conn, query, question, today or dt.date.today())
    lang = language_of(question)
    if data is None or lang != ZH_HANT:
        return data
    return replace(data, title=in_script(data.title, lang), x_label=in_script(data.x_label, lang),
                   y_label=in_script(data.y_label, lang), source_line=in_script(data.source_line, lang))


def _chart_data(conn: sqlite3.Connection, query: ViewQuery, question: str, today: dt.date) -> ChartData | None:
    zh = has_cjk(question)
    writer = _Writer(zh, {}, [])
    base = scope(conn, today)
    source = (f"来源：layoffbot 事实库，{_n(base.events)}条事件，截至{_date_zh(base.as_of)}" if zh else
              f"Source: layoffbot fact base, {_n(base.events)} events, the latest dated {human_date(base.as_of)}")
    what = writer.filters(query)
    people = "裁员人数" if zh else "People laid off"
    if query.kind == "ranking" and query.by == "company":
        rows = _company_totals(conn, query)
        if not rows:
            return None
        title = (f"裁员人数最多的公司（{what}）" if what else "裁员人数最多的公司") if zh else (
            "Companies that cut the most" + (f" {what}" if what else ""))
        return ChartData(title, people, "", tuple(r.company for r in rows), tuple(float(r.headcount) for r in rows),
                         source, horizontal=True)
    if query.kind in ("ranking", "latest"):
        measure = "percent" if query.by == "percent" and query.kind == "ranking" else "headcount"
        rows = (_rows_until(conn, query, today) if query.kind == "latest"
                else _rows(conn, query, _ORDER[f"known-{measure}"], query.limit, known=measure))
        rows = [r for r in rows if getattr(r, measure) is not None]
        if not rows:
            return None
        labels = tuple(f"{r.company} ({r.date[:7]})" for r in rows)
        values = tuple(float(getattr(r, measure)) for r in rows)
        if zh:
            title = ("最近的裁员" if query.kind == "latest" else "规模最大的裁员") + (f"（{what}）" if what else "")
        else:
            title = ("Latest layoffs" if query.kind == "latest" else "Biggest layoffs") + (f" {what}" if what else "")
        x_label = ("裁员比例（%）" if zh else "Share of staff laid off (%)") if measure == "percent" else people
        return ChartData(title, x_label, "", labels, values, source, horizontal=True)
    if query.kind == "comparison" and query.years:
        values = tuple(float(_totals(conn, replace(query, year=y, years=())).people) for y in query.years)
        title = ("各年裁员人数对比" if zh else "Layoffs by year compared") + (
            (f"（{what}）" if zh else f" {what}") if what else "")
        return ChartData(title, "年份" if zh else "Year", people, tuple(str(y) for y in query.years), values, source)
    if query.kind == "comparison":
        per = _totals(conn, query, group_by_company=True)
        names = writer_names(conn, query.company_ids)
        values = tuple(float(per[c].people) if c in per else 0.0 for c in query.company_ids)
        title = ("裁员人数对比" if zh else "Layoffs compared") + (f"（{what}）" if zh and what else
                                                              (f" {what}" if what else ""))
        return ChartData(title, "", people, tuple(names), values, source)
    if query.kind == "timeline":
        rows = _rows(conn, query, _ORDER["date"], MAX_TABLE_ROWS)
        rows = [r for r in rows if r.headcount is not None]
        if not rows:
            return None
        names = "、".join(writer_names(conn, query.company_ids)) if zh else " and ".join(
            writer_names(conn, query.company_ids))
        title = f"{names}历次裁员" if zh else f"{names}: layoffs by round"
        if len(rows) > MAX_BARS:
            rows = rows[-MAX_BARS:]
            title += f"（最近{MAX_BARS}轮）" if zh else f" (latest {MAX_BARS})"
        return ChartData(title, "日期" if zh else "Date", people, tuple(r.date[:7] for r in rows),
                         tuple(float(r.headcount) for r in rows), source)
    # total / list: by month within a year, else by year
    where, params = _where(query)
    by_month = query.year is not None
    bucket = "substr(date, 1, 7)" if by_month else "substr(date, 1, 4)"
    series = dict(_rounds(conn, today).query(
        f"select {bucket} as bucket, coalesce(sum(case when part_of is null then headcount end), 0) from rounds "
        f"where {where} and date <= ? "
        "group by bucket order by bucket", [*params, today.isoformat()]))
    if not series:
        return None
    if by_month:  # every month of the year, a month without layoffs as an empty bar
        last = today.month if query.year == today.year else 12
        buckets = [f"{query.year:04d}-{m:02d}" for m in range(1, last + 1)]
    else:
        years = sorted(int(y) for y in series)
        buckets = [str(y) for y in range(years[0], years[-1] + 1)]
    series = [(b, series.get(b, 0)) for b in buckets]
    names = writer_names(conn, query.company_ids)
    subject = (("、".join(names) if zh else " and ".join(names)) + (" " if names and not zh else ""))
    if zh:
        title = f"{subject}{what}每{'月' if by_month else '年'}裁员人数"
    else:
        title = f"{subject}Layoffs by {'month' if by_month else 'year'}" + (f" {what}" if what else "")
    return ChartData(title.strip(), ("月份" if zh else "Month") if by_month else ("年份" if zh else "Year"), people,
                     tuple(r[0] for r in series), tuple(float(r[1]) for r in series), source)


# -- for edges that hold an index: recognise, parse, answer --------------------------------

def _only_a_period(normalized: str) -> bool:
    """Whether the question says nothing but layoffs and a period ("layoffs in Q2 2022", "2023
    layoffs"): no name ("huawei layoffs 2023" names a company the base does not know), no question."""
    rest = _LAYOFF_WORDS.sub(" ", _strip_dates(normalized))
    return not [w for w in rest.split() if w not in {"in", "during", "of", "the", "all", "tech", "technology"}]


def recognised_entities(index, question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(company ids, jurisdiction ids) the matcher's `index` (a FactIndex) finds in `question`."""
    companies, jurisdictions, _ = _recognised(index, question)
    return companies, jurisdictions


def _unknown_subject(index, question: str) -> bool:
    """Whether the question has a word that is no English word, no word the base uses (after its spelling is
    corrected) and none the views read (an industry, a country, a month): likely a name the base does not know."""
    from .conversation import Conversation

    known = _known_capitalised()
    return any(w.isascii() and w.isalpha() and not english_word(w) and w not in known
               for w in parse_question(index, question, Conversation()).unknown)


def _recognised(index, question: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """`recognised_entities`, and the question normalised with those names masked (for `_spelled_right`)."""
    normalized, masked, ids, _ = recognise(index, normalize(question), question)  # as the engine does (typos too)
    industry = _industry(normalized)
    words = INDUSTRIES[industry][2] if industry else ()

    def typo_of_industry(entity_id: str) -> bool:
        # "fintech" is not a misspelt "FinTechOS": a name caught only by typo tolerance loses to an industry word
        name = normalize(index.entities[entity_id].name)
        return name not in normalized and any(w in name for w in words if not has_cjk(w))

    companies = tuple(i for i in ids if index.entities[i].kind == "company" and not typo_of_industry(i))
    return companies, tuple(i for i in ids if index.entities[i].kind == "jurisdiction"), masked


def _names_a_term(index, question: str, jurisdiction_ids: tuple[str, ...]) -> bool:
    """Whether the question names a term of one of the jurisdictions' law, as the fact base lists them
    (`FactIndex.term_words`: Betriebsrat, 企业职工委员会): a question about that law, never a view of layoffs."""
    _, _, hints = index.mask_entities(normalize(question), question)
    said = set(index.content_words(" ".join(hints)))
    return any(said & index.term_words.get(j, frozenset()) for j in jurisdiction_ids)


# A name that names a law, not a place ("KSchG" aside, which only its jurisdiction's facts say is one): "WARN Act",
# "Employment Standards Act", "Canada Labour Code", 解雇保护法, 劳动合同法, 雇佣条例
_LAW_NAME = re.compile(r"\b(?:act|law|code|ordinance|directive|regulations)\b|(?:法|法案|法典|条例|條例|法例)$")


def _names_a_law(index, question: str, jurisdiction_ids: tuple[str, ...]) -> bool:
    """Whether the question names one of the jurisdictions by the name of its law ("解雇保护法", "the WARN Act"): a
    question about that law, never a view of layoffs in the place."""
    return any(_LAW_NAME.search(alias) and set(index.aliases[alias]) & set(jurisdiction_ids)
               for alias in index.names_in(normalize(question)))


def _spelled_right(index, question: str, masked: str) -> str:
    """`question` with its misspelt words (outside names: `masked` is it normalised, names masked) as the
    question analysis corrects them (bot.analysis.corrections: "layofs" -> "layoffs"); as asked when none is."""
    for asked, meant in corrections(index, masked, question):
        # ("larger", a word the base never uses, is no misspelt "large"; nor "carmakers", a word of an industry
        # the views read, a misspelt "carmaker")
        if not english_word(asked) and asked not in _known_capitalised():
            question = re.sub(rf"(?i)\b{re.escape(asked)}\b", meant, question)
    return question


def ask_view(index, conn: sqlite3.Connection, question: str, sources: dict[str, Source], *,
             previous: ViewQuery | None = None, context_company_ids: tuple[str, ...] = (),
             context_year: int | None = None, context_date: str | None = None,
             earlier_company_ids: tuple[str, ...] = (), earlier_year: int | None = None,
             names: Mapping[str, str] | None = None) -> tuple[Answer, ViewQuery] | None:
    """The structured answer to `question` and its view, or None when it is not a structured question.
    `context_company_ids`: the companies the conversation is about ("any other rounds?"); `earlier_company_ids`:
    those it was about before the last question moved on ("which was bigger?"), `earlier_year` the year (as
    `parse_view`'s); `names`: as `answer_view`'s."""
    companies, jurisdictions, masked = _recognised(index, question)
    if jurisdictions and not companies and (_names_a_term(index, question, jurisdictions)
                                            or _names_a_law(index, question, jurisdictions)):
        # "德国大规模裁员之前要先跟企业职工委员会商量吗": a term of Germany's law (its works council) is asked about;
        # "德国小公司只有8个人，解雇保护法能保护我吗": the law itself, by its name
        return None
    if (not companies and not jurisdictions and has_cjk(question)
            and (unknown_chinese_company(index, normalize(question)) or unknown_names(index, question))):
        # "华为2024年裁员多少人": one company's count, of a company the base does not know; the base's total for
        # the year would answer another question (the decline names the company)
        return None
    if not companies and not jurisdictions and not has_cjk(question) and _unknown_subject(index, question):
        # "how many did foocorp lay off in 2023", "amazno layoffs 2023": a name the base does not know, written in
        # lowercase; the base's total for the year would answer another question (the engine declines it)
        return None
    question = _spelled_right(index, question, masked)  # "list of spotify layofs": the words a view looks for
    query = parse_view(question, company_ids=companies, jurisdiction_ids=jurisdictions, previous=previous,
                       context_company_ids=context_company_ids, context_year=context_year, context_date=context_date,
                       earlier_company_ids=earlier_company_ids, earlier_year=earlier_year)
    if query is None or _one_figure_total(conn, query):
        return None
    if query.kind == "latest" and not _LAYOFF_WORDS.search(normalize(question)) and words_not_read(
            index, _GOING_ON.sub(" ", _LATEST.sub(" ", normalize(question)))):
        # "what's the weather like in paris currently", "what's the protective award in the uk right now?": now, and
        # a place, but of something else (the weather, a law's award), not the latest layoffs there; asked without a
        # word of layoffs, the latest are asked only by a question that asks nothing else ("what's new in germany?")
        return None
    if query.industry and query.company_ids and _industry(masked) is None:
        query = replace(query, industry=None)  # "rank coinbase, crypto.com and robinhood": a name's word, no industry
    if query.reason:
        query = replace(query, reason_ids=reason_rounds(conn, query.reason))
    sector = None if query.company_ids else sector_not_recorded(normalize(question))
    if sector:
        # "biggest bank layoffs in 2023": the base cannot tell banks from other companies; every company's
        # layoffs would pass for the banks'
        lang = language_of(question)
        label = SECTORS_NOT_RECORDED[sector][1 if lang != EN else 0]
        known = ("、" if lang != EN else ", ").join(INDUSTRIES[k][1 if lang != EN else 0] for k in INDUSTRIES)
        # (the same view of every company is what it can answer)
        unnarrowed = re.sub(r" (?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) ", "", " ".join(
            _words_pattern(SECTORS_NOT_RECORDED[sector][2]).sub(" ", normalize(question)).split()))
        return Answer(question, False, (), (), 0.0, (), (in_script(unnarrowed, lang),) if unnarrowed else (),
                      say("sector_not_recorded", lang, sector=label, industries=known), lang=lang), query
    return answer_view(conn, query, question=question, sources=sources, names=names), query


def words_not_read(index, question: str) -> list[str]:
    """The question's content words (stems, no figures) that no view reads: none of its names, periods, sums,
    quantifiers or layoff words ("How many Infosys trainees in Mysuru were let go in total?": trainees, Mysuru;
    "add up every amazon layoff since 2022": none)."""
    normalized = normalize(question)
    for pattern in (_MONTH_SPAN, _YEAR_SPAN_WORDS, _SINCE_MONTH, _SINCE, _TOTAL, _SUM, _EVERY, _ALL_TIME, _TIMELINE,
                    _ROUNDS, _HOW_MANY):
        normalized = pattern.sub(" ", normalized)
    masked, _, _ = index.mask_entities(normalized)
    return [w for w in index.content_words(masked) if not w.isdigit() and w not in ROUND_ONLY_WORDS
            and w not in lexicon.TOPIC_CUES]


def _one_figure_total(conn: sqlite3.Connection, query: ViewQuery) -> bool:
    """Whether the view is one company's headcount total over rounds of which at most one gives a figure of its
    own ("阿里巴巴2023年一共减了多少人": one round of 20,000, the cloud unit's counted inside it): a total of one
    figure is that round's, which its own fact tells better (with what it says of the figure) than a sum."""
    if not (query.kind == "total" and len(query.company_ids) == 1 and query.by == "headcount" and query.per is None
            and query.span <= 12 and query.after is None):  # (a total "since 2022" spans every year after it)
        return False  # (nor years asked together, "2023 and 2024 combined": the view says what each holds)
    where, params = _where(query)
    found = _rounds(conn, dt.date.today()).query(f"select tier, headcount, part_of from rounds where {where}", params)
    # (WARN notices are no round with a fact of its own: their total is the view's)
    return all(tier < 2 for tier, _, _ in found) and sum(
        headcount is not None and part_of is None for _, headcount, part_of in found) <= 1
