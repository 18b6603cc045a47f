"""Words the matcher treats specially: stopwords, synonyms, topic cues, follow-up cues.

Kept as data so curators can read what the bot understands without reading the matcher.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset("""
a an the sorry of to in on at for by with from as about into over after before than then and or but
is are was were be been being am do does did done doing have has had having will would shall should
can could may might must i me my we our you your they them their it its he she his her this that
these those there here what which who whom whose how much many why when where tell me please give each both
know any some all also just so very more most such not no yes if out up down off only now
get got receive received receiving let s t ll re ve d m o y ok okay hey hi hello thanks thank pls plz bot
layoffbot
just really actually kind sort lot lots number figure figures total anyone anybody someone
combined cumulative cumulatively altogether sum summed tally ever whole entire
make makes made making
somebody anything something everyone did went go going happen happened
law laws legal legally rule rules require required requires requirement requirements need needs
entitled employer employers under regulation regulations statutory howmuch
owner owners parent parents company companies firm firms because
whats hows wheres whos whens whys thats theres heres whatre im ive youre theyre hes shes wat wats
vs versus
true legit real fake false news rumor rumors rumour rumours reportedly
exactly exact precisely precise roughly approximately approx around basically literally honestly again
tho though lol lmao haha hahaha btw ya yeah yep yup nah hmm u ur idk tbh smth sth like anyway anyways
one ones too either numbers stats statistics bc cuz coz w bout etc etcetera
wtf wth tf omg omfg smh ffs fml ugh bruh jeez gosh
announce announces announced announcing announcement announcements
""".split())  # ("is it true", "is it real", "the news that": asking whether a report is so adds no subject;
# the report itself is what is asked about.) (the last lines: hedges, intensifiers and chat fillers,
# "how many exactly?", "why tho", chat's shorthand for "with", "about" and "et cetera" ("what happened w twitter's
# layoffs", "the payout? severance etc"),
# "lol ok why did they cut", which ask nothing of their own; "the oct 2025 one", "2025 too?"; and "announce",
# a layoff's own verb, as "happen" is: "when did audi announce it" asks when its round was)

# Multi-word phrases first: they are replaced before single words.
PHRASES = {
    "lay offs": "layoff", "laid off": "layoff", "lay off": "layoff", "lays off": "layoff", "laying off": "layoff",
    "layed off": "layoff", "layd off": "layoff",  # its common misspellings (a phrase: no word to correct alone)
    # an amount "worked out" is calculated ("how is statutory redundancy worked out"), not work done
    "worked out": "calculate", "work out": "calculate", "works out": "calculate", "working out": "calculate",
    # dismissed on no ground of the employee's ("let go without cause"): how, not why, a dismissal was made
    "without cause": "", "without just cause": "", "without a cause": "",
    # the present, said as the time of asking ("severance in germany nowadays", "right now", "at the moment"): no
    # subject of its own (an unknown "nowadays" had made the bot decline; "these days" matched a rule on days)
    "these days": "", "right now": "", "at the moment": "", "at present": "", "nowadays": "", "currently": "",
    "on the way out": "layoff", "on their way out": "layoff",  # ("what did they get on the way out?": when let go)
    # workers on contract, as "contractors" ("how many contract workers did twitter cut")
    "contract workers": "contractor", "contract worker": "contractor", "contract staff": "contractor",
    "contracted workers": "contractor",
    "let go": "layoff", "job cuts": "layoff", "job cut": "layoff", "cut jobs": "layoff",
    "cutting jobs": "layoff", "cut staff": "layoff", "shed jobs": "layoff", "pink slip": "layoff",
    # a law said to "kick in" ("does new york's warn law kick in", "when does consultation kick in"): it applies
    "kick in": "apply", "kicks in": "applies", "kicked in": "apply", "kicking in": "apply",
    # advance warning in chat ("how many days heads up", "do they owe us a heads up"): notice
    "heads up": "notice", "head up": "notice", "heads-up": "notice",
    # ... and how long before, asked as a distance ("how far in advance must they warn us", "how far ahead")
    "how far in advance": "howlong advance", "how far ahead": "howlong advance",
    "reduction in force": "rif", "garden leave": "gardenleave", "n 1": "n+1",
    # the government told of a layoff ("do we need to tell the government as well?"): an authority notified
    "tell the government": "authority", "notify the government": "authority", "inform the government": "authority",
    "report to the government": "authority", "tell the authorities": "authority",
    "let the government know": "authority",
    "cut corners": "fail", "cuts corners": "fail", "cutting corners": "fail",  # a duty done badly: what follows
    "non compete": "noncompete", "non competes": "noncompetes", "non competition": "noncompete",
    "noncompetition": "noncompete",
    # a sum asked ("all rounds added up"), as "total" is: how much is asked, not what
    # pay reduced, not jobs ("can my employer cut my pay", "pay cuts"): what people earn
    "pay cut": "salary", "pay cuts": "salary", "cut my pay": "salary", "cut our pay": "salary",
    "cut their pay": "salary", "cut his pay": "salary", "cut her pay": "salary", "cut pay": "salary",
    "wage cut": "salary", "wage cuts": "salary", "cut wages": "salary", "cut my wages": "salary",
    "reduce my pay": "salary", "reduce my salary": "salary",
    "added up": "total", "add up": "total", "adds up": "total", "adding up": "total", "added together": "total",
    "add together": "total",
    # a cause asked with a verb ("what were they tied to", "what drove it", "what was it blamed on")
    "tied to": "cause", "linked to": "cause", "driven by": "cause", "attributed to": "cause", "blamed on": "cause",
    "what drove": "why", "what drives": "why", "what driving": "why", "what is driving": "why",
    "what was driving": "why", "what has driven": "why",
    "share price": "shareprice", "stock price": "shareprice", "minimum wage": "minimumwage",
    "minimum wages": "minimumwage",
    "warn act": "warn", "how many": "howmany", "how much": "howmuch", "how long": "howlong", "what percent": "howmany",
    "what share": "howmany", "what proportion": "howmany", "per cent": "percent",
    "mass layoff": "masslayoff", "mass layoffs": "masslayoff", "collective redundancy": "masslayoff",
    "collective redundancies": "masslayoff", "collective layoff": "masslayoff", "collective layoffs": "masslayoff",
    "mass dismissal": "masslayoff",
    "mass dismissals": "masslayoff",
    # each law's own name for it (Ontario's "mass termination", Canada's federal "group termination")
    "mass termination": "masslayoff", "mass terminations": "masslayoff", "group termination": "masslayoff",
    "group terminations": "masslayoff", "managerial dismissal": "masslayoff", "managerial dismissals": "masslayoff",
    "dismissal for managerial reasons": "masslayoff", "dismissals for managerial reasons": "masslayoff",
    "collective dismissal": "masslayoff", "collective dismissals": "masslayoff",
    "mass redundancy": "masslayoff", "mass redundancies": "masslayoff", "notice period": "notice",
    "annual leave": "annualleave", "paid leave": "annualleave",
    # leave for a child or an illness ("what's the parental leave in germany", "how many sick days in ny"): time off
    "parental leave": "parentalleave", "maternity leave": "maternityleave", "paternity leave": "parentalleave",
    "sick leave": "sickleave", "sick days": "sickleave", "sick day": "sickleave", "sick pay": "sickleave",
    "paid time off": "pto", "work permit": "workpermit",
    # benefits for the jobless, by their names ("How does Universal Credit work if you lose your job in the UK?")
    "universal credit": "unemployment", "jobseeker allowance": "unemployment", "jobseekers allowance": "unemployment",
    "jobseeker s allowance": "unemployment", "jobless benefits": "unemployment", "dole": "unemployment",
    "work permits": "workpermit",
    # ... and for severance (the UK's and Ireland's "redundancy pay", Singapore's "retrenchment benefits"): money on
    # the way out, not a layoff and a payment
    "redundancy pay": "severance", "redundancy payment": "severance", "redundancy payments": "severance",
    "retrenchment benefit": "severance", "retrenchment benefits": "severance",
    # ... but Ontario's "termination pay" is pay instead of notice: the notice, paid (its notice rule's)
    "termination pay": "noticepay",
    "severance package": "severance", "severance packages": "severance",
    "time limit": "deadline", "time limits": "deadline",  # when to claim by, not an upper limit ("cap")
    "how come": "why", "y tho": "why", "y though": "why",  # colloquial "why" ("how come?" after a round)
    "as well": "also",  # adds no subject ("did they cut in 2022 as well?")
    "net worth": "networth",
    "i meant": "also", "i mean": "also",  # a correction ("no sorry, I meant 2023"): no subject, no meaning asked
    "waiting period": "notice",
    "how big": "howmany", "how large": "howmany", "how deep": "howmany", "letting go": "layoff", "lets go": "layoff",
    "lost their jobs": "layoff staff", "lost their job": "layoff staff", "lose their jobs": "layoff staff",
    "losing their jobs": "layoff staff", "lost jobs": "layoff staff", "lost my job": "layoff staff",
    "job losses": "layoff staff", "the boot": "layoff", "the chop": "layoff", "the axe": "layoff",
    "pink slips": "layoff", "workforce reduction": "layoff staff", "workforce reductions": "layoff staff",
    "headcount reduction": "layoff staff", "headcount reductions": "layoff staff", "staff reduction": "layoff staff",
    "staff reductions": "layoff staff", "job reductions": "layoff staff", "job reduction": "layoff staff",
    "pink slipped": "layoff", "made redundant": "layoff", "shown the door": "layoff",
    # jobs that "went" ("How many jobs went at Alibaba Cloud?"): a loss, not a headcount
    "jobs went": "layoff staff", "jobs gone": "layoff staff", "jobs lost": "layoff staff",
    "jobs were lost": "layoff staff", "jobs disappeared": "layoff staff", "jobs vanished": "layoff staff",
    "roles went": "layoff staff", "positions went": "layoff staff",
    # ... or will go ("How many SAP jobs will go in Germany?", "jobs to be cut")
    "jobs will go": "layoff staff", "jobs to go": "layoff staff", "jobs will be cut": "layoff staff",
    "jobs to be cut": "layoff staff", "jobs will be lost": "layoff staff", "roles will go": "layoff staff",
    # ... or are going ("how many jobs are going at nissan", "jobs on the line")
    "jobs are going": "layoff staff", "jobs going": "layoff staff", "jobs on the line": "layoff staff",
    "jobs at risk": "layoff staff", "roles are going": "layoff staff", "roles going": "layoff staff",
}

# Chat abbreviations of everyday words ("10 yrs servce", "notice to the govt", "severance pkg", "is amazon hiring
# rn"): read as the words they shorten, before the phrases are ("tell the govt" is "tell the government").
ABBREVIATIONS = {
    "yrs": "years", "yr": "year", "wks": "weeks", "wk": "week", "mos": "months", "hrs": "hours",
    "govt": "government", "gov": "government", "pkg": "package", "pkgs": "package", "dept": "department",
    "mgmt": "management", "emps": "staff", "b4": "before", "thru": "through", "abt": "about", "rn": "now",
    "ovr": "over", "diff": "difference", "diffs": "differences",  # "furlough vs layoff whats the diff"
}

SYNONYMS = {
    **ABBREVIATIONS,
    # who is chosen to go ("who gets picked first", "how are employees selected", "choosing who is made redundant")
    "pick": "select", "picks": "select", "picked": "select", "picking": "select", "choose": "select",
    "chooses": "select", "chose": "select", "chosen": "select", "choosing": "select", "selected": "select",
    "selecting": "select", "selects": "select", "selection": "select",
    # a fine is a penalty ("whats the penalty if they dont" after Singapore's notification rule, "punishable by a
    # fine of up to $5,000")
    "fine": "penalty", "fines": "penalty", "fined": "penalty", "penalties": "penalty",
    # the act of laying off
    "layoff": "layoff", "layoffs": "layoff", "sack": "layoff", "sacked": "layoff",
    "减": "layoff",  # "一共减了多少人": cut (of staff), as 裁 is
    "sacking": "layoff", "sackings": "layoff", "axe": "layoff", "axed": "layoff", "ax": "layoff",
    "axing": "layoff", "fire": "layoff", "fired": "layoff", "firing": "layoff", "firings": "layoff",
    "cut": "layoff", "cuts": "layoff", "cutting": "layoff", "slash": "layoff", "slashed": "layoff",
    "redundancy": "layoff", "redundancies": "layoff", "redundant": "layoff", "downsize": "layoff",
    "downsized": "layoff", "downsizing": "layoff", "retrench": "layoff", "retrenched": "layoff",
    "retrenchment": "layoff", "retrenchments": "layoff", "dismiss": "layoff", "dismissed": "layoff",
    "dismissal": "layoff", "dismissals": "layoff", "terminate": "layoff", "terminated": "layoff",
    "termination": "layoff", "terminations": "layoff", "shed": "layoff", "culled": "layoff",
    "trim": "layoff", "trimmed": "layoff", "trims": "layoff", "restructuring": "layoff",
    "canned": "layoff", "canning": "layoff", "fires": "layoff", "sacks": "layoff", "axes": "layoff",
    "eliminate": "layoff", "eliminated": "layoff", "eliminates": "layoff", "eliminating": "layoff",
    "elimination": "layoff", "culling": "layoff", "cull": "layoff", "slashing": "layoff",
    # a fall in headcount ("headcount fell by how much", "员工减少多少")
    "fell": "layoff", "shrank": "layoff", "shrunk": "layoff", "shrink": "layoff", "shrinking": "layoff",
    "reduce": "layoff", "reduced": "layoff", "reducing": "layoff", "reduction": "layoff",
    "reductions": "layoff", "decreased": "layoff", "减少": "layoff", "减员": "layoff", "缩减": "layoff",
    "裁减": "layoff", "精简": "layoff", "少了": "layoff",  # "员工少了多少" (how many fewer staff), as "shrank" is
    "裁员": "layoff", "裁": "layoff", "解雇": "layoff", "辞退": "layoff", "开除": "layoff",
    # 砍 ("chop"), the slang of cuts: "又砍人了" (cutting people again), "那一刀砍掉了多少" (how many that cut took)
    "砍": "layoff", "砍人": "layoff", "砍掉": "layoff", "一刀": "layoff", "开刀": "layoff",
    # staff who left, counted ("那一年走了多少人", "有多少老师离开", "叫我走人"): the round's departures
    "走了": "layoff", "走人": "layoff", "离开": "layoff",
    "轮": "round", "一轮": "round", "轮次": "round",  # a round of them ("那11月那一轮呢"), as "round" is in English
    # who is laid off
    "employee": "staff", "employees": "staff", "worker": "staff", "workers": "staff",
    "people": "staff", "person": "staff", "job": "staff", "jobs": "staff", "workforce": "staff",
    "headcount": "staff", "personnel": "staff", "staffer": "staff", "staffers": "staff",
    "employe": "staff", "emplyees": "staff", "员工": "staff", "人": "staff", "职工": "staff",
    "ppl": "staff", "peeps": "staff", "folks": "staff", "devs": "staff", "roles": "staff", "role": "staff",
    "positions": "staff", "position": "staff",
    # money on the way out
    "severance": "severance", "compensation": "severance", "payout": "severance",
    "补偿": "severance", "补偿金": "severance", "赔偿": "severance", "经济补偿": "severance",
    "赔偿金": "severance", "遣散费": "severance", "遣散": "severance", "补偿款": "severance",
    "资遣费": "severance", "资遣": "severance",  # (Taiwan's words: "台湾资遣费怎么算" asks a severance rule)
    "赔": "severance", "赔钱": "severance",  # "要赔多少" (how much must be paid out)
    # who or what a rule leaves out ("any exceptions?", "who is exempt", "excludes day workers")
    "exceptions": "exception", "exemption": "exception", "exemptions": "exception", "exempt": "exception",
    "exempted": "exception", "exclusion": "exception", "exclusions": "exception", "exclude": "exception",
    "excludes": "exception", "excluded": "exception",
    # an upper limit ("is there a max?", "a ceiling on it?", "is it capped?")
    "max": "cap", "maximum": "cap", "ceiling": "cap", "capped": "cap", "caps": "cap", "limit": "cap",
    "limits": "cap", "上限": "cap", "封顶": "cap",
    "最多": "cap", "最高": "cap",  # "最多可以拿多少" (how much at most): a company's "most" is the views' (bot.views)
    # a time limit to act by, the English "deadline"'s ("申诉期限", "追讨遣散费有没有时限", "告公司有时间限制吗"); an
    # upper limit on an amount is 上限 above
    "期限": "deadline", "时限": "deadline", "时间限制": "deadline",
    # to sue, said plainly: 告 with whom it sues ("要告公司的话", "能告老板吗"), 起诉's
    "告公司": "起诉", "告老板": "起诉", "告雇主": "起诉", "告单位": "起诉", "告东家": "起诉",
    # Cantonese words for their Mandarin ones (text.normalize has made them simplified)
    "攞": "拿",  # (get)
    # social insurance and moving it on ("社保关系多久内要转走": how soon is my social insurance transferred)
    "社保": "insurance", "社会保险": "insurance", "转移": "transfer", "转走": "transfer",
    # how long, the English words' ("要做几耐先有得拎": how long must I work to get it, as English asks it)
    "几耐": "howlong", "多久": "howlong", "多长时间": "howlong", "多长": "howlong",
    "工作": "work", "做满": "work", "干满": "work", "做咗": "work", "返工": "work", "打工": "work",
    "几多": "多少", "点计": "calculate", "系咪": "是不是", "冇": "没有", "边个": "谁", "乜嘢": "什么",
    "点样": "怎么样", "系": "是",  # "裁员係點樣做" (how was it done): 係 is 是 once simplified
    # 炒 (炒魷魚, "fired"; "炒咗幾多人": how many were fired), in Cantonese and Mandarin; not 炒股 (trading shares)
    "炒": "layoff", "炒鱿鱼": "layoff", "炒人": "layoff", "炒股": "share",
    # spelling variants
    "labour": "labor", "organisation": "organization", "optimisation": "optimization",
    "optimise": "optimization", "optimize": "optimization", "优化": "optimization",
    "外包": "contractor", "合同工": "contractor",  # ("推特是不是还砍了一大堆外包": contractors, outsourced staff)
    "毕业": "graduation", "percentage": "percent", "%": "percent", "pct": "percent",
    "降薪": "salary", "减薪": "salary",  # pay cut (Chinese is unspaced: a phrase of PHRASES would never match it)
    "比例": "percent", "百分比": "percent", "比重": "percent",  # ("砍了多大比例": what share was cut)
    # a company's departments ("各部门砍了多少", "哪些部门"), not the labour department (部门 alone: an authority)
    "各部门": "department", "哪些部门": "department", "哪个部门": "department", "每个部门": "department",
    # ... and the asker's own ("公司说要优化我们部门", "整个部门都被裁了": the department they work in)
    "我们部门": "department", "我们的部门": "department", "我的部门": "department", "我部门": "department",
    "本部门": "department", "整个部门": "department", "所在部门": "department", "我们组": "department",
    "owe": "owe", "owed": "owe", "owes": "owe", "owing": "owe",
    "headquartered": "based", "headquarters": "based", "hq": "based", "located": "based",
    "normal": "norm", "typical": "norm", "usual": "norm", "stock": "share", "stocks": "share",
    # a layoff of many at once, the law's term (China's 经济性裁员, article 41; 集体裁员, 大规模裁员)
    "经济性裁员": "masslayoff", "集体裁员": "masslayoff", "大规模裁员": "masslayoff", "批量裁员": "masslayoff",
    "批准": "permission", "审批": "permission", "许可": "permission",  # leave to dismiss ("要政府批准吗")
    "集体解雇": "masslayoff", "大规模解雇": "masslayoff", "集体辞退": "masslayoff", "大量裁员": "masslayoff",
    "大批裁员": "masslayoff",  # ... as "collective dismissal" is (加拿大集体解雇, a group termination)
    # who is consulted: the staff's representatives ("worker reps", "员工代表")
    "reps": "representative", "rep": "representative", "representatives": "representative", "代表": "representative",
    "一半": "half", "半数": "half",  # "推特裁员一半是真的吗": half its staff, as the English facts say
    # how an amount is worked out ("遣散费怎么算", "怎么计算", 点计 in Cantonese): as "calculated" is in English
    "计算": "calculate", "怎么算": "calculate", "如何计算": "calculate",
    "shares": "share", "孕妇": "pregnant", "怀孕": "pregnant", "通知": "notice", "天": "day",
}

# Conditions a law protects from dismissal, as content words: a question about one is answered only by a
# fact that names it (bot.matching).
PROTECTED_CONDITIONS = frozenset({"pregnant", "pregnancy", "parentalleave", "maternityleave", "sickleave",
                                  "sick", "sickness", "illness", "生病"})  # (being ill: "fired for being sick")
# ... and the words a fact speaks of one in (maternity leave in a rule on maternity or pregnancy; bot.matching)
_ILL = frozenset({"sick", "sickness", "ill", "illness", "sickleave", "生病", "病假"})
CONDITION_SPOKEN_AS = {"maternityleave": frozenset({"maternity", "pregnancy", "pregnant"}),
                       "pregnant": frozenset({"pregnancy"}), "pregnancy": frozenset({"pregnant"}),
                       **{word: _ILL for word in ("sickleave", "sick", "sickness", "illness", "生病")}}
# Kinds of worker a rule may or may not cover, as content words ("does it apply to remote employees?", "did twitter
# cut contractors?"): answered only by a fact that speaks of them (bot.matching), as a protected condition is
WORKER_KINDS = frozenset({"remot", "wfh", "contractor", "freelancer", "intern", "gig"})

# What a fact that tells what laid-off staff were paid says (bot.matching: a severance question about a
# company is not answered by a fact of its layoff's process that says none of it).
# (A period counts when counted, "16 weeks", "three months": "in its first week", "a month earlier" are dates.)
PAY_WORDS = re.compile(r"severance|(?<!cut )(?<!cuts to )\bpa(?:y|id)(?!roll| cuts?\b| freezes?\b)|salar|\bwage|package"
                       r"|compensat|bonus|benefit|gratia|payout"
                       r"|stipend|\bvest|health|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
                       # (weeks or months of something given, "16 weeks of base", "two months' notice"; not a span that
                       # dates a figure: "in the first three months of 2022")
                       r"[- ](?:weeks?|months?)(?!\s+(?:of|in|to|from|between|ending|ended)\s+(?:19|20)\d\d)\b"
                       r"|补偿|赔偿|工资|薪|遣散", re.IGNORECASE)

# What a fact that tells how staff learnt of their layoff says (bot.matching: "how were people told?" about a
# company is not answered by a fact of its layoff that says none of it, as its size or reasons).
# (Notice counts as staff given it, "with little notice", "were notified"; not "a notice filed in Washington state";
# a call as one made, not "the Daily Beast called it".)
TOLD_WORDS = re.compile(r"(?<!\bbeen )\btold\b|inform|e-?mails?\b|\bcalls?\b|meeting|video|letter|memo|message"
                        r"|slack|zoom|town hall"
                        r"|(?:no|little|without|short|advance|any) notice|(?:were|was|been) notified"
                        r"|通知|邮件|告知|电话|会议|视频", re.IGNORECASE)

# What a fact that tells who runs a company says (bot.matching: "Who is the CEO of Meta?" is not answered by a
# profile that names no one). Not "runs": the company's own ("Amazon ... also runs Amazon Web Services").
LEADER_WORDS = re.compile(r"\bceo\b|chief executive|founder|founded|\brun by\b|\bled by\b|\bheaded by\b"
                          r"|\bchair(?:man|woman|person)?\b|\bpresident\b|创始人|首席执行官|董事长", re.IGNORECASE)

# What a fact that states a company's headcount says (bot.matching: "how many employees does Grab have?" is not
# answered by a round's size, which gives a share of staff or the count let go, nor by a profile that counts no
# one): its people counted after a word of having ("it had about 185,000 employees", "of its 7,500 employees",
# "employs nearly 230,000 people", "reported 120,000 employees"), or where its headcount stood ("its headcount grew
# to 323,578", "workforce stood at 35,900", "员工约2000人"). A count let go ("about 600 people", "let go of 1,400
# employees") says neither.
STATES_HEADCOUNT = re.compile(
    r"\b(?:its|has|had|have|employs|employed|employing|with|reported|showed|workforce of)\s+(?:about |around "
    r"|roughly |nearly |some |more than |over |almost |just over |just under |approximately |close to )?\d[\d,.]*"
    r"(?:\s*(?:million|thousand))?\+?\s+(?:full-time |global |permanent )?(?:employees|staff|workers|people"
    r"|staffers)\b"
    r"|\b(?:headcount|workforce)\s+(?:stood at|of|was|grew to|rose to|fell to|to|at|stayed|had been)\s+(?:about "
    r"|around |roughly |nearly |more than |over |almost |approximately )?\d|员工(?:总数|人数)?(?:约|超过|逾|达|为)?\d",
    re.IGNORECASE)

# What qualifies a rule rather than naming a subject (its upper limit, whom it leaves out): asked alone
# ("is there a max?", "any exceptions?"), of the rule the talk is about.
RULE_QUALIFIERS = frozenset({"cap", "exception"})

# Cue -> topic. Company topics and rule topics share some cues; `topic_for_entity` maps them.
TOPIC_CUES = {
    "howmany": "layoff-size", "percent": "layoff-size", "size": "layoff-size", "多少": "layoff-size",
    "几": "layoff-size", "比例": "layoff-size", "规模": "layoff-size", "人数": "layoff-size",
    "when": "layoff-date", "date": "layoff-date", "什么时候": "layoff-date", "何时": "layoff-date",
    "啥时候": "layoff-date", "哪年": "layoff-date", "哪一年": "layoff-date",  # which year ("百度裁员是哪一年")
    "哪天": "layoff-date", "哪一天": "layoff-date", "几号": "layoff-date", "哪个月": "layoff-date",  # which day, month
    # 是 before a question word ("是什么时候", "是什么原因"): "when is it", "what is the reason", not the
    # definition cue 是什么 that the segmenter's longest match would otherwise take from their front
    "是什么时候": "layoff-date", "是什么原因": "layoff-reason",
    "why": "layoff-reason", "reason": "layoff-reason", "reasons": "layoff-reason",
    "cause": "layoff-reason", "caused": "layoff-reason", "causes": "layoff-reason", "为什么": "layoff-reason",
    "点解": "layoff-reason",  # Cantonese "why"
    "原因": "layoff-reason", "为何": "layoff-reason", "为啥": "layoff-reason", "behind": "layoff-reason",
    # the reason's other names ("what was his explanation", "the rationale", "how did they justify it", "缘由"), as
    # the analyser's words write them ("rationale" -> rational, "justified" -> justifi, "motives" -> motiv); not
    # 理由, which is as often the grounds a thing is done on ("用裁员的理由辞退我": laid off on the grounds of a layoff)
    "explanation": "layoff-reason", "rational": "layoff-reason", "justification": "layoff-reason",
    "justifi": "layoff-reason", "justify": "layoff-reason", "motiv": "layoff-reason", "motivation": "layoff-reason",
    "缘由": "layoff-reason", "动因": "layoff-reason",
    # 理由 asked for ("理由是啥", "给了什么理由"), and what a layoff was blamed on ("what did they blame?")
    "理由是": "layoff-reason", "什么理由": "layoff-reason", "啥理由": "layoff-reason", "blam": "layoff-reason",
    # "because of what" ("亚马逊裁员是因为什么？", "因为啥"), "for what", "out of what"
    "因为什么": "layoff-reason", "因为啥": "layoff-reason", "为了什么": "layoff-reason", "出于什么": "layoff-reason",
    "severance": "severance",
    "notice": "notice", "warn": "notice", "advance": "notice", "通知": "notice", "提前": "notice",
    "通知期": "notice", "预告期": "notice", "预告": "notice",
    "noticepay": "notice",  # pay instead of notice (PHRASES): the notice rule's
    "told": "notice", "inform": "notice", "informed": "notice",  # "how were people told?": how staff learnt of it
    "工会": "consultation", "协商": "consultation", "咨询": "consultation",
    "报告": "notification", "申报": "notification", "报备": "notification", "通报": "notification",
    "consult": "consultation", "consultation": "consultation", "consulted": "consultation",
    "representative": "consultation", "discuss": "consultation",
    "union": "consultation", "works": "consultation", "hr1": "notification",
    "notify": "notification", "notification": "notification", "report": "notification",
    "notified": "notification", "notifies": "notification", "notifying": "notification",
    "say": "layoff-accounts", "said": "layoff-accounts", "react": "layoff-accounts",
    "trigger": "mass-layoff", "triggers": "mass-layoff", "triggered": "mass-layoff",
    "authority": "notification", "authorities": "notification",
    # an authority told of a layoff, in Chinese ("通知人力部", "要通知哪些机构"): 通知 alone is notice
    "政府": "notification", "当局": "notification", "部门": "notification", "劳动局": "notification",
    "人力部": "notification", "部长": "notification", "机构": "notification", "劳工处": "notification",
    "protected": "protected", "pregnant": "protected", "pregnancy": "protected",
    # whom a law applies to ("Does the WARN Act apply to a company with 80 employees?", "who does it cover")
    "apply": "coverage", "applies": "coverage", "cover": "coverage", "covers": "coverage", "covered": "coverage",
    "coverage": "coverage", "eligible": "coverage", "eligibility": "coverage", "qualify": "coverage",
    "qualifies": "coverage", "适用": "coverage", "资格": "coverage",
    # a law said to reach an employer in Chinese ("Cal-WARN管得到我们吗", "WARN法案管多大规模的公司"): whom it covers
    "管得到": "coverage", "管得着": "coverage", "管不到": "coverage", "管不着": "coverage", "管多大": "coverage",
    "penalty": "penalties", "penalties": "penalties", "fine": "penalties", "fined": "penalties",
    "liable": "penalties", "liability": "penalties", "exposure": "penalties",  # what a duty unmet costs
    "fail": "penalties", "fails": "penalties", "failed": "penalties", "skip": "penalties", "skips": "penalties",
    "skipped": "penalties", "ignore": "penalties", "ignores": "penalties", "ignored": "penalties",
    "funding": "funding", "valuation": "funding", "valued": "funding", "invest": "funding",
    "investor": "funding", "investors": "funding", "raised": "funding", "融资": "funding",
    "估值": "funding", "hiring": "hiring", "hire": "hiring", "recruit": "hiring",
    "recruiting": "hiring", "招聘": "hiring",
    # ... and its everyday Chinese words: campus and experienced hiring, taking people on ("美团今年校招招多少人？")
    "校招": "hiring", "社招": "hiring", "招人": "hiring", "招工": "hiring", "扩招": "hiring", "招募": "hiring",
    "mean": "definition", "meaning": "definition", "define": "definition", "definition": "definition",
    "什么意思": "definition", "是什么意思": "definition", "是什么": "definition", "masslayoff": "mass-layoff",
    "指什么": "definition", "指的是什么": "definition", "是指什么": "definition", "指啥": "definition",  # "refers to"
    "啥意思": "definition", "是啥意思": "definition",  # 啥, colloquial 什么, as the "meaning" question type reads it
    "什么叫": "definition", "啥叫": "definition", "何谓": "definition",  # "什么叫毕业": what is called, what is
    "threshold": "mass-layoff", "thresholds": "mass-layoff",
    # aspects no layoff fact or rule is about (ASPECT_TOPICS): what people earn, what shares trade at, the
    # jobless, overtime, tax ("How much does a Google engineer earn?", "字节跳动的股价", "中国加班费怎么算")
    "earn": "earnings", "earns": "earnings", "earning": "earnings", "salary": "earnings",
    "salaries": "earnings", "minimumwage": "earnings", "最低工资": "earnings",
    "薪资": "earnings", "薪水": "earnings", "年薪": "earnings",
    "networth": "earnings", "wealth": "earnings", "身家": "earnings",  # what a person has: "musk's net worth"
    "shareprice": "market", "股价": "market", "市值": "market", "unemployment": "unemployment",
    "失业率": "unemployment", "失业金": "unemployment", "失业保险": "unemployment",
    "overtime": "working-time", "加班": "working-time", "加班费": "working-time",
    # time off and the right to work in a country ("paid holiday days in France", "annual leave", "work visa for
    # canada"): no layoff fact or rule is about them, unless it speaks of them (unused vacation paid out)
    "holiday": "holidays", "holidays": "holidays", "vacation": "holidays", "vacations": "holidays", "pto": "holidays",
    "annualleave": "holidays", "parentalleave": "holidays", "maternityleave": "holidays", "sickleave": "holidays",
    "产假": "holidays", "陪产假": "holidays", "病假": "holidays", "年假": "holidays", "带薪假": "holidays",
    "休假": "holidays",
    "visa": "immigration", "visas": "immigration", "immigration": "immigration", "workpermit": "immigration",
    "签证": "immigration", "工作签证": "immigration",
    "tax": "tax", "taxes": "tax", "taxed": "tax", "taxable": "tax", "taxation": "tax", "税": "tax", "个税": "tax",
    "交税": "tax", "纳税": "tax",
    # a restraint after leaving ("can they make me sign a non-compete", 竞业限制): no layoff rule is about it
    "noncompete": "restraints", "noncompetes": "restraints", "竞业": "restraints", "竞业限制": "restraints",
    "竞业协议": "restraints",
    # a company's money ("what was spotify's revenue in 2023", "小红书营收多少"): what it earned, not what it cut
    "revenue": "financials", "revenues": "financials", "profit": "financials", "profits": "financials",
    "turnover": "financials", "营收": "financials", "营业收入": "financials", "利润": "financials",
    "营业额": "financials", "净利润": "financials",
    # going to court ("did any of them sue?"): told only by a fact or rule that speaks of it
    "sue": "litigation", "sues": "litigation", "suing": "litigation", "sued": "litigation", "lawsuit": "litigation",
    "lawsuits": "litigation", "litigation": "litigation", "起诉": "litigation", "诉讼": "litigation",
    "打官司": "litigation",
}

# ... and the words a law's rule speaks of one in: suing over a dismissal ("can i sue for unfair dismissal",
# "告公司不公平解雇") is making the claim or complaint the rule's phrasings speak of (bot.matching)
ASPECT_SPOKEN_AS = {"litigation": frozenset({"claim", "lodg", "complaint", "complain", "tribunal", "court", "申诉",
                                             "投诉"})}

# Aspects no layoff fact or rule is about (cues above): a question about one is answered only by a fact
# that speaks of it, or one filed under it (bot.matching): hiring ("is Spotify hiring engineers?"), of which the
# base holds a fact or two, never a company's profile.
ASPECT_TOPICS = frozenset({"earnings", "market", "unemployment", "working-time", "tax", "litigation", "holidays",
                           "immigration", "financials", "restraints", "hiring"})

# When one question carries several cues ("Why did Didi cut 20%?"), the first of these wins.
TOPIC_PRIORITY = [
    "tax",  # "is severance taxed?" asks about tax, whatever else it names
    "layoff-reason", "definition", "severance", "penalties", "notification", "consultation", "notice",
    "protected", "mass-layoff", "funding", "hiring", "earnings", "market", "unemployment", "working-time", "litigation",
    "holidays", "immigration", "financials", "restraints",
    "coverage",  # after every other topic: "does severance apply", "apply for unemployment" ask those
    "layoff-accounts", "layoff-date", "layoff-size",
]
# Cues that are also the subject of a question ("What severance did Shopify pay?"): they set the
# topic and still count as words to match.
NOUN_CUES = frozenset(
    "severance notice consultation consult representative union works hr1 notification penalty penalties fine fined "
    "coverage eligibility funding valuation hiring pregnant pregnancy protected masslayoff threshold thresholds "
    "authority authorities invest investor investors earn earns earning salary salaries shareprice unemployment "
    "minimumwage "
    "最低工资 overtime 加班 加班费 tax taxes taxed taxable taxation 税 个税 交税 纳税 薪资 薪水 "
    "年薪 股价 市值 失业率 失业金 失业保险 sue sues suing sued lawsuit lawsuits litigation 起诉 诉讼 打官司 "
    "holiday holidays vacation vacations pto annualleave parentalleave maternityleave sickleave 产假 陪产假 病假 "
    "年假 带薪假 休假 visa visas immigration workpermit 签证 "
    "工作签证 revenue revenues profit profits turnover 营收 营业收入 利润 营业额 净利润 noncompete noncompetes 竞业 "
    "竞业限制 竞业协议".split()
)

# The tech sector's own names: beside a named company ("meta tech layoffs") they say nothing the company's
# name does not (its facts need not use them).
SECTOR_WORDS = ("tech", "technology", "科技", "互联网")

# What Chinese tech workers call being laid off (毕业 "graduated", 优化 "optimised"; the glossary's
# entries say what they mean): said of a named company, its layoff.
LAYOFF_EUPHEMISMS = frozenset({"graduation", "optimization"})

# A rule topic asked of a company is about how that company did it, and vice versa.
COMPANY_TOPIC_FOR = {
    "severance": "layoff-process", "notice": "layoff-process", "consultation": "layoff-process",
    "notification": "layoff-process", "protected": "layoff-process", "penalties": "context",
    "definition": "profile", "mass-layoff": "layoff-size", "coverage": "layoff-process",
}
# Topics close enough that one partly answers the other.
RELATED_TOPICS = frozenset(map(frozenset, [
    ("notice", "consultation"), ("notice", "notification"), ("mass-layoff", "notification"),
    ("mass-layoff", "coverage"), ("notice", "coverage"), ("severance", "coverage"), ("protected", "coverage"),
    ("consultation", "notification"),
    ("layoff-size", "layoff-process"), ("severance", "layoff-process"),
    ("layoff-date", "layoff-size"), ("layoff-date", "timeline"), ("layoff-reason", "context"),
    ("layoff-reason", "timeline"), ("context", "timeline"), ("definition", "timeline"),
    ("definition", "context"), ("layoff-accounts", "layoff-reason"), ("layoff-accounts", "layoff-process"),
]))
# A company's topic asked of a law: "how many" is its mass-layoff threshold; "when", "why", "where" and "what
# does it say" name no topic of a rule ("Where does the HR1 form go and when is it needed?").
RULE_TOPIC_FOR = {"layoff-size": "mass-layoff", "layoff-process": "severance", "layoff-date": None,
                  "layoff-reason": None, "layoff-accounts": None, "profile": None}

FOLLOW_UP_CUES = frozenset("""
they them their theirs it its that this those these he she there and also same what about how
why when 呢 那 咁 他们 它
""".split())

# Chinese words the segmenter should keep whole (aliases are added at run time).
# Colloquial function words ("berlin那边也裁了吗", "赔偿咋样", "京东裁员咋回事", "是不是又裁员了"): no subject.
# Law words, as "law", "rules", "legal" are in English ("德国裁员规定": Germany's layoff rules; 法案, 法令, "act",
# after a law's name: "WARN法案是什么" asks what the WARN Act is); 宣布, 公布, as
# "announce" is.
CJK_STOPWORDS = frozenset(["需要", "那边", "这边", "是不是", "怎么样", "咋样", "怎么回事", "咋回事", "回事",
                           "有没有", "有冇", "有无", "是否",  # whether, asked ("腾讯有没有裁员"), as 是不是 is
                           "时候", "的时候", "那时候", "期间",  # "when" as a clause says ("裁员的时候给了什么补偿")
                           # the whole year ("那2023年全年呢"): the year is the period
                           "全年", "整年", "一整年", "全年度",
                           # ... and a part of it ("快手2021年底裁员了吗": at the end of 2021), as "end of", "early"
                           # are English stopwords: a time, no subject ("年终奖", a year-end bonus, is kept)
                           "年底", "年末", "年初", "年中",
                           "他们", "她们", "它们", "我们", "你们",  # pronouns, as "they", "we" are in English
                           "公司",  # "company", an English stopword too ("公司话裁员": the employer, no subject)
                           "佢哋", "佢地", "佢", "呢啲", "那啲", "我哋", "你哋",  # ... and in Cantonese
                           "情况", "详情", "状况",  # "腾讯2022年裁员情况": the layoffs' situation, details: no subject
                           "规定", "法规", "法律", "规则", "条例", "法例", "法案", "法令", "相关规定", "宣布", "公布",
                           "法",  # ... and 法 alone, the Act of a law named before it ("美国的WARN法是什么")
                           # a parent company ("Shopee母公司Sea"), as "parent", "owner" are English stopwords
                           "母公司", "总公司", "集团公司",
                           # "京东裁员的消息是真的吗", "听说腾讯要裁员，真的假的": hearsay and news, as in English
                           "消息", "新闻", "新聞", "听说", "聽說", "传闻", "傳聞", "传言", "傳言", "网传", "網傳",
                           # "in total", "added up": how much is asked, not what (bot.views reads it)
                           "总共", "一共", "总计", "加起来",
                           # "if" and degree words ("那工资特别高的话有封顶吗": if the pay is very high, is there a
                           # cap?), "after all" ("经济补偿到底怎么算"): how it is asked, no subject
                           "的话", "如果", "要是", "假如", "万一", "特别", "非常", "比较", "到底", "究竟"])
CJK_WORDS = frozenset(
    [w for w in SYNONYMS if not w.isascii()] + [w for w in TOPIC_CUES if not w.isascii()]
    + ["公司", "员工", "多少", "裁员", "劳动", "合同", "法律", "中国", "美国", "英国", "规定", "标准",
       "政策", "双减"] + list(CJK_STOPWORDS)
)
# (The second line: Cantonese particles, and 咋, 啥, colloquial "how", "what"; 事, "matter"; 真 and 假, of 是真的吗,
# 真的假的, "is it true": asked to confirm a claim, as "is it true" and "legit" are, it adds no subject.)
CJK_STOP_CHARS = frozenset("的了吗呢吧啊是在有和与及被把对给从到也都就还又么什怎样这那个些其要会能可以年月日"
                           "咁㗎咗嘅喺唔仲啲噉咩囉喎啫嘛咋啥事真假拿份"  # (份: of 月份, "month")
                           "我你他她"  # pronouns, as "I", "you", "he", "she" are English stopwords
                           "呀啦哦喔咯嘞"  # sentence-final particles ("小米有冇裁員呀？": did Xiaomi lay off?)
                           "再")  # "again", as 又 and English "again" ("那2023年有没有再裁一轮？")
