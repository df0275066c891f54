"""Text aimed at an AI system instead of the article's readers, found by code.

An article is data. Words in it that address whoever processes it ("ignore previous
instructions", "SYSTEM:", "Note to AI summarisers: ...", a fake ``</article>``, a JSON
object that would close the model's answer) are found here, before any model runs, and
become non-content: no claim, key claim, actor, place, number or sentence the model reads
comes from them, and the brief warns that the article contains instructions aimed at AI
systems. Text the page hid from its readers (``input/hidden.py`` leaves
:data:`~summariser.input.hidden.HIDDEN_MARKER` where it was) and invisible characters
(Unicode tag characters) are marked the same way.

How a stretch is found and how far it reaches:

- patterns, each with a cue in our own words (the warning never repeats the article's),
  in six groups: instructions (override, output, rating), text addressed to an AI, chat
  role markers and special tokens, fake delimiters, JSON, and the same in other
  languages (French, German, Spanish, Italian, Portuguese, Dutch, Polish, Turkish,
  Russian, Ukrainian, Chinese, Japanese, Korean, Arabic, Hindi);
- a sentence that starts with an order (write, list, rate, attribute, ...) and names what
  a summariser produces (the headline, the summary, the key claims) or asks for something
  to be listed "as a country" or "as confirmed" is an instruction too;
- matching runs on a folded view of the text: NFKC (full-width letters become ASCII), lower
  case, invisible characters dropped (zero-width spaces, soft hyphens, tag characters), and
  for the English patterns Cyrillic and Greek look-alikes read as Latin; each match maps
  back to offsets in the original text;
- a stretch runs from the start of the sentence that holds the cue to the end of its
  paragraph (at most three sentences more: what follows an instruction in its paragraph
  is the attacker's); a line that only announces ("SYSTEM:", "Note to AI systems:")
  takes the next paragraph too; and everything between a pair of markers
  (``<system>`` ... ``</system>``, ``</article>`` ... ``<article>``, ``[INST]`` ...
  ``[/INST]``, ``BEGIN`` ... ``END``, code fences) is one stretch.

When in doubt a sentence stays content, as for bylines: the patterns want an order or an
address, not a topic, so a report about AI that quotes no instruction keeps its claims.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from summariser.analysis.candidates import Injection, InjectionKind
from summariser.input.documents import Sentence, split_sentences
from summariser.input.hidden import HIDDEN_MARKER

MAX_FOLLOWING = 3  # sentences after a cue, in its paragraph, that go with it
MAX_PAIR = 4000  # characters between an opening marker and its closing one

_INVISIBLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0xFEFF),
        *range(0x200B, 0x2010),  # zero-width spaces and joiners, direction marks
        *range(0x202A, 0x202F),  # direction embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators
        *range(0xFE00, 0xFE10),  # variation selectors
        *range(0xE0000, 0xE0080),  # tag characters
        *range(0xE0100, 0xE01F0),  # variation selectors supplement
    ]
)
# Cyrillic and Greek letters that look like Latin ones, lower case (the view is lowered).
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝвкмнтɡοαεικνρτυχ",
    "aeopcyxijsdhlqwbkmhtgoaeikvptux",
)
_TAGS = re.compile("[\U000e0000-\U000e007f]+")

# -- patterns -------------------------------------------------------------------------

_AI = (
    r"(?:(?:ai|a\.i\.|artificial intelligence|genai)"
    r"(?:[\s-]+(?:systems?|models?|assistants?|tools?|agents?|bots?|readers?|chatbots?|"
    r"summari[sz]ers?|crawlers?|engines?|services?|powered \w+))?"
    r"|llms?|(?:large\s+)?language\s+models?|chat\s?bots?|chatgpt|gpt(?:-?\d\w*)?|"
    r"summari[sz]ers?|summari[sz]ation\s+(?:tools?|systems?|models?|software)|"
    r"automated\s+(?:systems?|tools?|readers?|agents?|summari[sz]\w*|services?|assistants?)|"
    r"web\s+crawlers?|crawlers?|scrapers?|(?:news\s+)?aggregators?|machine\s+readers?|"
    r"virtual\s+assistants?|(?:ai|digital)\s+assistants?)"
)
# Where an AI noun ends a phrase of address ("Note to AI systems:", "If you are an AI
# reading this"), and not "a warning to AI companies" or "an AI researcher".
_AI_END = (
    r"(?=\s*(?:[,.:;!?)—–\-]|$)|\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|"
    r"crawling|indexing|ingesting|scanning|you|please|then|and|or|do|that|which|who|must|"
    r"should|will|shall|are|is)\b)"
)
_OVERRIDE_VERB = (
    r"(?:ignore|disregard|forget|override|bypass|set\s+aside|throw\s+out|discard|abandon|"
    r"do\s+not\s+follow|don'?t\s+follow|stop\s+following)"
)
_FILLER = (
    r"(?:(?:all|any|every|each|the|your|my|of|these|those|this|that|such|previous|prior|"
    r"earlier|above|preceding|foregoing|former|original|initial|existing|system|default|"
    r"safety|other|old|given|current)\s+)"
)
_QUALIFIER = (
    r"(?:previous|prior|earlier|above|preceding|foregoing|former|original|initial|existing|"
    r"system|default|safety)"
)
_STRONG_NOUN = r"(?:instructions?|prompts?|directives?|guidelines?|programming|guardrails)"
_WEAK_NOUN = r"(?:rules|orders|commands?|directions|guidance|constraints|context|messages?|tasks?)"
_PRODUCT = (
    r"(?:headline|summary|summaries|brief|output|json|key\s+claims?|claimants?|credibility|"
    r"reliability|source\s+assessment)"
)
_THIS_TEXT = (
    r"(?:(?:this|these|the\s+present)\s+(?:article|story|text|page|report|piece|document|"
    r"content|item|news|lines?|paragraphs?|words?|site|web\s?page|post)|the\s+following|"
    r"the\s+above)"
)
_TAG_NAMES = (
    r"(?:system|assistant|user|human|instructions?|sys|developer|admin|tool|function|prompt|"
    r"im_start|im_end|article|document|text|content|input|data|context|story|news|source|"
    r"untrusted\w*|user_?input|email|message|query)"
)
_ROLE_WORDS = r"(?:system|assistant|user|human|ai|sys|bot|chatgpt|gpt|llm)"


@dataclass(frozen=True)
class _Pattern:
    kind: InjectionKind
    cue: str
    regex: re.Pattern[str]
    native: bool  # matched on the folded text that keeps its own letters (other languages)


# (kind, cue in our words, patterns). Every pattern wants an order or an address, not a
# topic: "the EU's rules for AI systems" or "a warning to AI companies" match none.
_ENGLISH: tuple[tuple[InjectionKind, str, tuple[str, ...]], ...] = (
    (
        InjectionKind.INSTRUCTION,
        "an instruction to ignore earlier instructions",
        (
            rf"\b{_OVERRIDE_VERB}\s+{_FILLER}{{0,3}}{_QUALIFIER}\s+{_FILLER}{{0,2}}"
            rf"(?:{_STRONG_NOUN}|{_WEAK_NOUN})\b",
            rf"\b{_OVERRIDE_VERB}\s+{_FILLER}{{0,2}}(?:all|any|every|your)\s+{_FILLER}{{0,2}}"
            rf"{_STRONG_NOUN}\b",
            rf"\b{_OVERRIDE_VERB}\s+{_FILLER}{{0,3}}(?:prompts?|system\s+prompt|programming|"
            r"guardrails)\b",
            r"\b(?:ignore|disregard|forget)\s+(?:everything|anything|whatever|all\s+that|all\s+of"
            r"\s+(?:the\s+)?(?:above|that))\s+(?:above|before|previously|said|written|preceding|"
            r"prior|earlier|you\s+(?:were|have\s+been)\s+told|you\s+(?:read|know))",
            r"\b(?:ignore|disregard|forget)\s+(?:the|all)\s+(?:above|preceding|foregoing)\b",
        ),
    ),
    (
        InjectionKind.INSTRUCTION,
        "a claim to bring new instructions",
        (
            r"\b(?:new|updated|revised|real|actual|true|hidden|secret|special|additional|"
            r"important|urgent|priority|override)\s+(?:system\s+)?(?:instructions?|directives?|"
            r"task|orders|prompt|commands?)\s*[:：\-–—]",
            r"\b(?:system|admin|administrator|developer|operator)\s+(?:override|instructions?|"
            r"prompt)\b",
            r"\byou\s+are\s+(?:now|no\s+longer)\b|\bpretend\s+(?:that\s+)?you(?:'re|\s+are)\b",
            r"\bfrom\s+now\s+on,?\s+(?:you|your|respond|reply|answer|only|always|never)\b",
            r"\byour\s+(?:new\s+|real\s+|true\s+|actual\s+|only\s+|primary\s+)?(?:task|"
            r"instructions?|job|goal|objective|mission|role|purpose|directive)\s+(?:is|are|now|"
            r"will\s+be)\b",
            r"\b(?:enter|switch\s+to|activate|enable)\s+(?:developer|dan|god|jailbreak|debug|"
            r"admin|maintenance|unrestricted)\s+mode\b",
        ),
    ),
    (
        InjectionKind.INSTRUCTION,
        "an instruction about what to output",
        (
            r"\b(?:reply|respond|answer|output|print|emit)\s+(?:(?:only|just|exactly|solely|"
            r"simply)\s+)?(?:with|using)\s+(?:only\s+)?(?:the\s+)?(?:words?|phrases?|sentence|"
            r"json)\b",
            r"\b(?:reply|respond|answer|output|print|emit|say|state|write|repeat|type)\s+(?:only|"
            r"just|exactly|solely|verbatim)\s+(?:with\s+)?(?:the\s+)?(?:words?|phrases?|text|"
            r"sentence|following|json|[\"“'‘«])",
            r"\b(?:reply|respond|answer)\s+(?:only|solely)\b",
            r"\b(?:output|print)\s+(?:only|the\s+following|exactly)\b",
            r"\b(?:begin|start|open|end|conclude|prefix|preface)\s+(?:your|the|each|every)\s+"
            r"(?:reply|response|answer|output|summary|headline|brief|report|analysis)\s+with\b",
            r"\bin\s+your\s+(?:summary|summaries|output|headline)\b",
            r"\b(?:the|your|this|any|each|every)\s+(?:headline|summary|key\s+claims?)\s+(?:must|"
            r"should|shall|has\s+to|needs\s+to|is\s+to|will)\s+(?:be|read|say|state|contain|"
            r"include|begin|start|mention|describe|call|report|use|name)\b",
            r"\b(?:correct|real|true|actual|proper|only|right|official)\s+(?:headline|summary)\s+"
            r"(?:is|reads|should\s+be|must\s+be)\b",
            r"\b(?:key_claims|source_assessment|claimant_kind|credibility_reason)\b",
            r"\b(?:do\s+not|don'?t|never)\s+(?:reveal|disclose|mention|repeat|show)\s+(?:these|"
            r"this|the|your)\s+(?:instructions|prompt|system\s+prompt|message)\b",
        ),
    ),
    (
        InjectionKind.INSTRUCTION,
        "an instruction about ratings or claimants",
        (
            r"\b(?:rate|mark|grade|score|classify|label|flag|treat|list|tag)\s+(?:every|each|"
            r"all|any)\s+(?:of\s+)?(?:the\s+)?(?:claims?|sources?|statements?|articles?|reports?|"
            r"outlets?|stor(?:y|ies))\s+(?:as|with|at)\b",
            r"\b(?:rate|grade|score)\s+(?:this|the|its|their)\s+(?:claims?|sources?|statements?|"
            r"articles?|outlets?|stor(?:y|ies))\s+(?:as|with|at)\b",
            r"\b(?:credibility|reliability)\s+(?:(?:rating|score|grade)\s+)?(?:of|to|=|:|as)\s*"
            r"[\"“']?(?:1|a1|maximum|max|highest|100\s*%)(?![\w,]|\.\d)",
            r"\battribute\s+(?:every|each|all|any)\s+(?:of\s+)?(?:the\s+)?(?:claims?|statements?|"
            r"quotes?|information|facts?)\s+to\b",
            r"\b(?:rename|replace|change)\s+(?:every|each|all|any)\s+(?:of\s+)?(?:the\s+)?"
            r"(?:claimants?|sources?|speakers?)\b",
        ),
    ),
    (
        InjectionKind.ADDRESSED_TO_AI,
        "text addressed to AI systems",
        (
            r"\b(?:note|message|instructions?|attention|memo|reminder|notice|warning|request|"
            rf"directive|a\s+word)\s+(?:to|for)\s+(?:(?:any|all|the|every)\s+)?{_AI}{_AI_END}",
            rf"\b(?:dear|hey|hi|hello|attention|attn|calling)\s*,?\s+(?:(?:all|any)\s+)?{_AI}"
            rf"{_AI_END}",
            rf"\bif\s+you(?:'re|\s+are)\s+(?:an?|the|any)\s+{_AI}{_AI_END}",
            rf"\b{_AI}\s+(?:that\s+(?:is|are)\s+)?(?:reading|processing|summari[sz]ing|parsing|"
            rf"analy[sz]ing|crawling|indexing|ingesting|scanning|seeing)\s+{_THIS_TEXT}",
            rf"(?:^|[.!?]\s+|[\"“]){_AI}\s*[:,]\s*(?:please\s+)?(?:ignore|disregard|write|say|"
            r"reply|respond|output|print|report|state|describe|list|rate|include|summari[sz]e|"
            r"remember|note|you|do\s+not)\b",
            r"\b(?:when|while|if|before|after)\s+(?:you\s+(?:are\s+)?|you're\s+)?(?:summari[sz]ing|"
            rf"processing|parsing|briefing|ingesting)\s+{_THIS_TEXT}",
            r"\b(?:when|while|if)\s+you(?:'re|\s+are)?\s+(?:reading|analy[sz]ing|quoting|citing|"
            rf"reporting\s+on|writing\s+about|covering)\s+{_THIS_TEXT}",
            r"\b(?:any|all|every|each|an?|the)\s+(?:(?:automated|ai(?:-generated)?|machine"
            r"(?:-generated)?)\s+)?(?:summary|summaries|brief|briefs|digest|abstract|headline|"
            r"analysis|analyses|overview|synopsis)\s+(?:of|about|on)\s+(?:this|the\s+present)\s+"
            r"(?:article|story|report|page|text|piece|item|document)\s+(?:must|should|shall|will|"
            r"needs?\s+to|has\s+to|have\s+to|is\s+to|are\s+to|may\s+only|can\s+only)\b",
            r"\bthis\s+(?:article|story|page|text|report|piece|document)\s+(?:must|should|shall|"
            r"is\s+to|needs\s+to|has\s+to)\s+(?:only\s+)?(?:be\s+)?(?:summari[sz]ed|described|"
            r"rated|reported|classified|presented|treated|marked|labell?ed|flagged|quoted|cited|"
            r"headlined)\b",
            r"\b(?:summari[sz]e|describe|report|present|rate|classify|label|headline)\s+this\s+"
            r"(?:article|story|page|text|report|piece)\s+as\b",
        ),
    ),
    (
        InjectionKind.ROLE_MARKER,
        "a chat role marker",
        (
            rf"^[ \t>*#\-\[(<|]*{_ROLE_WORDS}[ \t]*[\])>|*]*[ \t]*[:：]",
            r"\[\s*/?\s*(?:system|assistant|user|inst|sys|instructions?|developer|admin)\s*\]",
            r"<<\s*/?\s*sys\s*>>",
            r"^[ \t]*#{2,}[ \t]*(?:system|instructions?|response|assistant|user|human|input|"
            r"output|task|context)\b",
            r"\b(?:begin|end|start)\s+(?:of\s+)?(?:the\s+)?(?:system|admin|developer|hidden)\s+"
            r"(?:prompt|message|instructions?)\b",
        ),
    ),
    (
        InjectionKind.ROLE_MARKER,
        "a model's special token",
        (r"<\|[a-z_]{2,30}\|>|</s>|<s>",),
    ),
    (
        InjectionKind.DELIMITER,
        "a fake delimiter",
        (rf"<\s*/?\s*{_TAG_NAMES}\s*/?\s*>",),
    ),
    (
        InjectionKind.DELIMITER,
        "a fake end or start of the article",
        (
            r"^[^\w\n]*(?:end|begin|start|close|stop|beginning)\s*(?:of\s*)?(?:the\s*)?(?:article|"
            r"document|text|input|context|content|user\s*input|prompt|system\s*prompt|untrusted"
            r"\s*content)[^\w\n]*$",
            r"(?:[-=*#_~]{3,}|\[\[?|\(\()\s*(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:article|"
            r"document|text|input|story|context|data|content|prompt)\s*(?:[-=*#_~]{3,}|\]\]?|\)\))",
        ),
    ),
    (
        InjectionKind.DELIMITER,
        "a code fence",
        (r"^[ \t]*(?:```|~~~)[ \t]*\w*[ \t]*$",),
    ),
    (
        InjectionKind.JSON,
        "JSON that would answer for the model",
        (
            r"[\"“”]\s*(?:key_claims|headline|summary|claims|claimants?|credibility|reliability|"
            r"statement|actors|locations|places|paragraph|source_assessment|warnings|role|content|"
            r"system|instructions?|prompt|response|answer|output|tool_calls?|function_call|"
            r"arguments)\s*[\"“”]\s*:",
        ),
    ),
    (
        InjectionKind.JSON,
        "a JSON object",
        (r"\{\s*[\"“]\w[\w -]{0,30}[\"”]\s*:",),
    ),
    (
        InjectionKind.JSON,
        "a break-out of a JSON string",
        (r"[\"”]\s*[}\]]\s*[}\],]|[\"”]\s*\}\s*\]?\s*,?\s*\{|\\\"\s*[,}]",),
    ),
)

# The same in other languages, matched on the folded text with its own letters:
# {language: [(cue, pattern)]}, the cue one of _NATIVE_CUES.
_NATIVE: dict[str, tuple[tuple[str, str], ...]] = {
    "French": (
        (
            "override",
            r"\b(?:ignore[zr]?|oublie[zr]?|ne\s+tenez\s+pas\s+compte\s+des?)\s+(?:toute?s?\s+)?"
            r"(?:(?:les|vos|tes|ces)\s+)?(?:instructions|consignes|directives|règles|ordres)\s+"
            r"(?:précédentes|precedentes|antérieures|anterieures|ci-dessus|initiales|du\s+"
            r"système)",
        ),
        (
            "override",
            r"\b(?:ignore[zr]?|oublie[zr]?)\s+(?:toutes|tout)\s+(?:(?:les|vos)\s+)?(?:instructions|"
            r"consignes|directives)",
        ),
        ("new", r"\bnouvelles\s+(?:instructions|consignes|directives)\s*[:：]"),
        (
            "address",
            r"\b(?:à\s+l'attention|note|message|consigne)\s+(?:de|des|à|aux|pour)\s+(?:l['’]\s*|"
            r"les\s+|la\s+|toute\s+|tout\s+)?(?:ia|intelligences?\s+artificielles?|modèles?\s+de\s+"
            r"langage|assistants?\s+(?:ia|virtuels?))\b",
        ),
        (
            "address",
            r"\bsi\s+(?:vous\s+êtes|tu\s+es)\s+une?\s+(?:ia|intelligence\s+artificielle|modèle\s+"
            r"de\s+langage|assistant)\b",
        ),
        ("output", r"\bdans\s+(?:le|votre|ton)\s+(?:titre|résumé|resume)\b"),
    ),
    "German": (
        (
            "override",
            r"\b(?:ignorier(?:e|en\s+sie|t)?|vergiss|vergessen\s+sie|missachte|missachten\s+sie)\s+"
            r"(?:(?:alle|sämtliche)\s+)?(?:bisherigen|vorherigen|vorigen|obigen|früheren|"
            r"vorangegangenen|vorhergehenden|deine|ihre)\s+(?:anweisungen|instruktionen|befehle|"
            r"anordnungen|vorgaben|regeln)",
        ),
        (
            "override",
            r"\b(?:ignorier(?:e|en\s+sie|t)?|vergiss|vergessen\s+sie)\s+alle\s+(?:anweisungen|"
            r"instruktionen|befehle)",
        ),
        ("new", r"\bneue\s+(?:anweisungen|instruktionen|befehle)\s*[:：]"),
        (
            "address",
            r"\b(?:an|für)\s+(?:die|alle|jede|jedes|eine)\s+(?:ki|künstliche\s+intelligenz|"
            r"sprachmodell\w*|ki-\w+)\b",
        ),
        (
            "address",
            r"\bwenn\s+(?:du|sie)\s+(?:eine|ein)\s+(?:ki|sprachmodell|ki-\w+)\s+(?:bist|sind)\b",
        ),
        ("output", r"\b(?:als|in\s+der|in\s+die)\s+(?:überschrift|zusammenfassung)\b"),
    ),
    "Spanish": (
        (
            "override",
            r"\b(?:ignora|ignore|ignorad|ignoren|ignorar|olvida|olvide|olvidad)\s+(?:todas\s+)?"
            r"(?:(?:las|tus|sus)\s+)?(?:instrucciones|indicaciones|órdenes|ordenes|directrices)\s+"
            r"(?:anteriores|previas|de\s+arriba|del\s+sistema)",
        ),
        (
            "override",
            r"\b(?:ignora|ignore|ignorad|olvida)\s+todas\s+(?:las\s+)?(?:instrucciones|"
            r"indicaciones|órdenes)",
        ),
        ("new", r"\bnuevas\s+(?:instrucciones|órdenes|indicaciones)\s*[:：]"),
        (
            "address",
            r"\bsi\s+(?:eres|usted\s+es)\s+una?\s+(?:ia|inteligencia\s+artificial|modelo\s+de\s+"
            r"lenguaje|asistente)\b",
        ),
        (
            "address",
            r"\b(?:atención|nota|mensaje|instrucciones)\s+(?:para|a)\s+(?:(?:la|las|cualquier|toda)"
            r"\s+)?(?:ia|ias|inteligencias?\s+artificiales?|modelos?\s+de\s+lenguaje)\b",
        ),
        ("output", r"\ben\s+(?:el|tu|su)\s+(?:titular|resumen)\b"),
    ),
    "Italian": (
        (
            "override",
            r"\b(?:ignora|ignorate|dimentica|dimenticate)\s+(?:tutte\s+)?(?:le\s+)?(?:istruzioni|"
            r"indicazioni|direttive)\s+(?:precedenti|di\s+sopra|del\s+sistema)",
        ),
        ("override", r"\b(?:ignora|ignorate|dimentica)\s+tutte\s+le\s+istruzioni"),
        ("new", r"\bnuove\s+istruzioni\s*[:：]"),
        (
            "address",
            r"\bse\s+sei\s+un['’]?\s*(?:ia|intelligenza\s+artificiale|modello\s+linguistico)\b",
        ),
    ),
    "Portuguese": (
        (
            "override",
            r"\b(?:ignore|ignora|ignorem|esqueça|esqueca)\s+(?:todas\s+)?(?:as\s+)?(?:instruções|"
            r"instrucoes|orientações|ordens)\s+(?:anteriores|prévias|acima)",
        ),
        ("override", r"\b(?:ignore|ignora|esqueça)\s+todas\s+as\s+(?:instruções|ordens)"),
        ("new", r"\bnovas\s+instruções\s*[:：]"),
        (
            "address",
            r"\bse\s+você\s+(?:é|for)\s+uma?\s+(?:ia|inteligência\s+artificial|modelo\s+de\s+"
            r"linguagem)\b",
        ),
    ),
    "Dutch": (
        (
            "override",
            r"\b(?:negeer|vergeet)\s+(?:alle\s+)?(?:de\s+)?(?:vorige|eerdere|voorgaande|"
            r"bovenstaande)\s+(?:instructies|opdrachten|aanwijzingen)",
        ),
        ("new", r"\bnieuwe\s+instructies\s*[:：]"),
    ),
    "Polish": (
        (
            "override",
            r"\b(?:zignoruj|ignoruj|zapomnij)\s+(?:wszystkie\s+)?(?:poprzednie|wcześniejsze|"
            r"powyższe)\s+(?:instrukcje|polecenia|wytyczne)",
        ),
    ),
    "Turkish": (
        (
            "override",
            r"\b(?:önceki|yukarıdaki)\s+(?:(?:tüm|bütün)\s+)?(?:talimatları|komutları)\s+"
            r"(?:yok\s+say|görmezden\s+gel|unut)",
        ),
    ),
    "Russian": (
        (
            "override",
            r"(?:игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|не\s+обращай(?:те)?\s+внимания"
            r"\s+на)\s+(?:все\s+)?(?:предыдущие|прежние|вышеуказанные|вышеприведённые|"
            r"вышеприведенные|прошлые|системные|свои)\s+(?:инструкции|указания|команды|правила)",
        ),
        ("override", r"(?:игнорируй(?:те)?|забудь(?:те)?)\s+все\s+(?:инструкции|указания|команды)"),
        ("new", r"новые\s+(?:инструкции|указания)\s*[:：]"),
        (
            "address",
            r"\bесли\s+(?:ты|вы)\s+(?:—\s+)?(?:ии|искусственный\s+интеллект|языковая\s+модель|"
            r"нейросеть|чат-бот)\b",
        ),
        (
            "address",
            r"\b(?:для|вниманию)\s+(?:ии|искусственного\s+интеллекта|языковых\s+моделей|"
            r"нейросет\w*|чат-бот\w*)\b",
        ),
        ("output", r"\bв\s+(?:заголовке|заголовок|резюме|сводке)\b"),
    ),
    "Ukrainian": (
        (
            "override",
            r"(?:ігноруй(?:те)?|забудь(?:те)?)\s+(?:(?:всі|усі)\s+)?попередні\s+(?:інструкції|"
            r"вказівки|команди)",
        ),
    ),
    "Chinese": (
        (
            "override",
            r"(?:忽略|无视|忽视|無視|忘记|忘記|不要理会|不要理會)掉?(?:之前|以前|上面|上述|先前|前面|此前|"
            r"所有|全部|一切)的?(?:所有|全部|一切)?的?(?:指令|指示|说明|說明|提示|命令|规则|規則)",
        ),
        ("new", r"新的?(?:指令|指示)[:：]|你现在是|你現在是|从现在开始，?你|從現在開始，?你"),
        ("address", r"(?:人工智能|ai)(?:系统|模型|助手|系統)?[，,:：]\s*(?:请|必须|应该|請|必須)"),
        ("output", r"(?:在|于)(?:标题|摘要|標題)(?:中|里|裡)"),
    ),
    "Japanese": (
        (
            "override",
            r"(?:以前|前|上記|これまで|先)の(?:すべての|全ての)?(?:指示|命令|指令|プロンプト)を"
            r"(?:無視|忘れ)",
        ),
        ("new", r"新しい指示[:：]"),
        ("address", r"(?:ai|人工知能)(?:へ|に)の(?:指示|メッセージ)"),
    ),
    "Korean": (
        (
            "override",
            r"(?:이전|앞|위|기존)의?\s*(?:모든\s*)?(?:지시|지침|명령|지시사항)(?:을|를)?\s*(?:무시|잊어)",
        ),
    ),
    "Arabic": (
        ("override", r"(?:تجاهل|تجاهلوا|انس)\s+(?:(?:جميع|كل)\s+)?(?:التعليمات|الأوامر|التوجيهات)"),
        ("new", r"تعليمات\s+جديدة\s*[:：]"),
    ),
    "Hindi": (
        (
            "override",
            r"(?:पिछले|पूर्व)\s+(?:सभी\s+)?(?:निर्देशों|आदेशों)\s+को\s+(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)",
        ),
    ),
    "": (  # a role marker in any of these languages
        (
            "role",
            r"^[^\w\n]*(?:système|systeme|sistema|система|систем|系统|系統|システム|시스템|النظام|"
            r"systeem|sistem|systém|rendszer)[ \t]*[:：]",
        ),
    ),
}
_NATIVE_CUES = {
    "override": (InjectionKind.INSTRUCTION, "an instruction to ignore earlier instructions"),
    "new": (InjectionKind.INSTRUCTION, "a claim to bring new instructions"),
    "output": (InjectionKind.INSTRUCTION, "an instruction about what to output"),
    "address": (InjectionKind.ADDRESSED_TO_AI, "text addressed to AI systems"),
    "role": (InjectionKind.ROLE_MARKER, "a chat role marker"),
}


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    """Every pattern, compiled once, on first use (a cache hit never needs them)."""
    patterns = [
        _Pattern(kind, cue, re.compile(pattern, re.MULTILINE), native=False)
        for kind, cue, group in _ENGLISH
        for pattern in group
    ]
    for language, group in _NATIVE.items():
        for cue_name, pattern in group:
            kind, cue = _NATIVE_CUES[cue_name]
            label = f"{cue} ({language})" if language else cue
            patterns.append(_Pattern(kind, label, re.compile(pattern, re.MULTILINE), native=True))
    return tuple(patterns)


# A sentence that opens with an order and names what a summariser makes.
_ORDER = re.compile(
    r"^[\s\"“‘'(\[*_-]*(?:(?:please|now|also|then|and|next|finally|first|important|note|"
    r"remember|instead|so)[\s,:!-]+)*(?:write|put|include|add|insert|use|make|set|change|"
    r"replace|rename|attribute|list|state|say|mention|describe|call|label|rate|mark|classify|"
    r"treat|report|summari[sz]e|translate|title|begin|start|end|conclude|append|prepend|omit|"
    r"exclude|delete|remove|drop|hide|emphasi[sz]e|highlight|quote|cite|present|refer|output|"
    r"print|respond|reply|answer|return|generate|produce|tell|inform|claim|assert|ensure|"
    r"give|name|show|headline)\b"
)
_ORDER_TARGET = re.compile(
    rf"\b(?:(?:the|your|this|that|every|each|all|any|its)\s+{_PRODUCT}|{_AI}{_AI_END}|"
    r"this\s+(?:article|story|text|page|report)|as\s+(?:an?\s+|the\s+)?(?:country|nation|place|"
    r"location|actor|claimant|source|key\s+claim|confirmed|verified|reliable)|to\s+(?:an?\s+)?"
    r"(?:independent|verified|reliable)\s+(?:verified\s+)?sources?)\b"
)
_ORDER_CUE = "a sentence that orders what a summary should say"

# Markers that open and close a region that is wholly the attacker's: the opening
# pattern names the marker in its group, the closing one is written around that name.
_PAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"<\s*({_TAG_NAMES})\s*>"), r"<\s*/\s*({name})\s*>"),
    (
        re.compile(r"<\s*/\s*(article|document|text|content|input|data|story|context)\s*>"),
        r"<\s*({name})\s*>",
    ),
    (re.compile(r"<\|(im_start)\|>"), r"<\|(?:im_end|{name})\|>"),
    (re.compile(r"\[\s*(inst)\s*\]"), r"\[\s*/\s*({name})\s*\]"),
    (re.compile(r"<<\s*(sys)\s*>>"), r"<<\s*/\s*({name})\s*>>"),
    (
        re.compile(
            r"^[^\w\n]*begin\s+(?:of\s+)?(?:the\s+)?(system|admin|developer|hidden|new|ai)\b", re.M
        ),
        r"^[^\w\n]*end\s+(?:of\s+)?(?:the\s+)?({name})\b",
    ),
    (re.compile(r"^[ \t]*(```|~~~)", re.M), r"^[ \t]*({name})[ \t]*$"),
)


# -- the folded view ------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """The text as the patterns see it, with each character's offset in the original."""

    native: str
    latin: str
    origin: tuple[int, ...] | None  # None: the identity (ASCII text with nothing dropped)

    def span(self, start: int, end: int, size: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        first = self.origin[start] if start < len(self.origin) else size
        last = self.origin[end - 1] + 1 if 0 < end <= len(self.origin) else first
        return first, last


def _view(text: str) -> _View:
    if text.isascii():
        lowered = text.lower()
        return _View(lowered, lowered, None)
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if ord(char) in _INVISIBLE:
            continue
        folded = char if char < "\x80" else unicodedata.normalize("NFKC", char)
        for piece in folded.lower():
            chars.append(piece)
            origin.append(index)
    native = "".join(chars)
    return _View(native, native.translate(_LOOKALIKES), tuple(origin))


# -- finding --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: InjectionKind
    cue: str


def find_injections(text: str, sentences: Sequence[Sentence] | None = None) -> list[Injection]:
    """The stretches of ``text`` aimed at AI systems or hidden, in text order, merged where
    they touch. ``sentences`` are the document's (``split_sentences(text)`` when None)."""
    if sentences is None:
        sentences = split_sentences(text)
    view = _view(text)
    hits = list(_pattern_hits(text, view))
    hits += _order_hits(text, sentences)
    stretches = [_stretch(text, sentences, hit) for hit in hits]
    stretches += _pair_stretches(text, view)
    stretches += _hidden_stretches(text, sentences)
    stretches += _header_followers(text, stretches)
    return _merge(text, stretches)


def injection_cues(text: str) -> list[str]:
    """The cues in a short text (a headline, a title): empty when it addresses no AI."""
    sentences = split_sentences(text)
    cues = [hit.cue for hit in _pattern_hits(text, _view(text))]
    cues += [hit.cue for hit in _order_hits(text, sentences)]
    if HIDDEN_MARKER in text or _TAGS.search(text):
        cues.append("hidden or invisible text")
    return list(dict.fromkeys(cues))


def _pattern_hits(text: str, view: _View) -> Iterator[_Hit]:
    for pattern in _patterns():
        folded = view.native if pattern.native else view.latin
        for match in pattern.regex.finditer(folded):
            start, end = view.span(match.start(), match.end(), len(text))
            if pattern.kind is InjectionKind.DELIMITER and not text[end:].strip():
                continue  # a delimiter that closes nothing: the article ends there anyway
            if end > start:
                yield _Hit(start, end, pattern.kind, pattern.cue)


def _order_hits(text: str, sentences: Sequence[Sentence]) -> Iterator[_Hit]:
    for sentence in sentences:
        folded = _view(text[sentence.start : sentence.end]).latin
        if _ORDER.match(folded) and _ORDER_TARGET.search(folded):
            yield _Hit(sentence.start, sentence.end, InjectionKind.INSTRUCTION, _ORDER_CUE)


@dataclass(frozen=True)
class _Stretch:
    start: int
    end: int
    kind: InjectionKind
    cues: tuple[str, ...]


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _stretch(text: str, sentences: Sequence[Sentence], hit: _Hit) -> _Stretch:
    """From the start of the cue's sentence to the end of its paragraph, at most
    ``MAX_FOLLOWING`` sentences on."""
    line_start, line_end = _line_bounds(text, hit.start)
    inside = [s for s in sentences if s.start < line_end and line_start < s.end]
    holding = [s for s in inside if s.start <= hit.start < s.end or hit.start < s.start]
    start = min(hit.start, holding[0].start) if holding else hit.start
    following = [s for s in inside if s.start >= start]
    end = max(
        hit.end, following[min(len(following), MAX_FOLLOWING + 1) - 1].end if following else 0
    )
    return _Stretch(start, min(max(end, hit.end), len(text)), hit.kind, (hit.cue,))


def _pair_stretches(text: str, view: _View) -> list[_Stretch]:
    """Everything between an opening marker and the closing one that matches it."""
    found = []
    for opening, closing_template in _PAIRS:
        for match in opening.finditer(view.latin):
            name = re.escape(match.group(1))
            closing = re.compile(closing_template.replace("{name}", name), re.MULTILINE)
            close = closing.search(view.latin, match.end(), match.end() + MAX_PAIR)
            if close is None:
                continue
            start, _ = view.span(match.start(), match.end(), len(text))
            _, end = view.span(close.start(), close.end(), len(text))
            found.append(_Stretch(start, end, InjectionKind.DELIMITER, ("a fake delimited block",)))
    return found


def _hidden_stretches(text: str, sentences: Sequence[Sentence]) -> list[_Stretch]:
    """The marker of text a page hid; invisible tag characters with the sentence that
    carries them (a model reads them as letters). Terminal control sequences are not
    hidden text: the renderers drop them (``render/markdown.py``)."""
    found = []
    start = text.find(HIDDEN_MARKER)
    while start >= 0:
        end = start + len(HIDDEN_MARKER)
        found.append(
            _Stretch(start, end, InjectionKind.HIDDEN, ("text the page hid from its readers",))
        )
        start = text.find(HIDDEN_MARKER, end)
    for match in _TAGS.finditer(text):
        cue = "invisible Unicode tag characters"
        holding = [s for s in sentences if s.start < match.end() and match.start() < s.end]
        start = min([match.start(), *(s.start for s in holding)])
        end = max([match.end(), *(s.end for s in holding)])
        found.append(_Stretch(start, end, InjectionKind.HIDDEN, (cue,)))
    return found


_ANNOUNCES = re.compile(r"[:：]\s*$|^\W*$")
_ANNOUNCING = (InjectionKind.ROLE_MARKER, InjectionKind.DELIMITER, InjectionKind.ADDRESSED_TO_AI)
# A line that (re)opens the article, or closes the attacker's block: what follows it is
# the article's again.
_REOPENS = re.compile(
    r"^\W*(?:<\s*(?:article|document|text|content|input|data|story|news|context)\s*>|(?:begin|"
    r"start)\s+(?:of\s+)?(?:the\s+)?(?:article|document|text|input|story|content)|<\s*/\s*"
    r"(?:system|assistant|user|human|instructions?|sys|developer|admin|tool|function|prompt)\s*>"
    r"|\[\s*/\s*inst\s*\]|<<\s*/\s*sys\s*>>|<\|im_end\|>|end\s+(?:of\s+)?(?:the\s+)?(?:system|"
    r"admin|developer|hidden|new|ai)\b.*)\W*$"
)


def _header_followers(text: str, stretches: list[_Stretch]) -> list[_Stretch]:
    """A line that only announces ("SYSTEM:", "Note to AI systems:", "</article>") takes
    the next paragraph with it."""
    found = []
    for stretch in stretches:
        if stretch.kind is InjectionKind.HIDDEN:
            continue
        line_start, line_end = _line_bounds(text, stretch.start)
        if stretch.end < line_end or stretch.start > line_start + _indent(text, line_start):
            continue
        line = text[line_start:line_end]
        if _REOPENS.match(_view(line).latin):
            continue
        short = len(line.split()) <= 4 and stretch.kind in _ANNOUNCING
        if not (_ANNOUNCES.search(line) or short):
            continue
        following = line_end
        while following < len(text) and text[following].isspace():
            following += 1
        if following >= len(text):
            continue
        _, next_end = _line_bounds(text, following)
        cue = "a paragraph announced as instructions"
        found.append(_Stretch(following, next_end, stretch.kind, (cue,)))
    return found


def _indent(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip(" \t"))


def _merge(text: str, stretches: list[_Stretch]) -> list[Injection]:
    """Stretches joined where they overlap or only white space lies between them: hidden
    text with hidden text, the rest with the rest (each has its own warning)."""
    merged: list[_Stretch] = []
    for hidden in (False, True):
        group: list[_Stretch] = []
        chosen = [s for s in stretches if (s.kind is InjectionKind.HIDDEN) is hidden]
        for stretch in sorted(chosen, key=lambda s: (s.start, -s.end)):
            start, end = _trimmed(text, stretch.start, stretch.end)
            if end <= start:
                continue
            if group and start <= group[-1].end + _gap(text, group[-1].end, start):
                last = group[-1]
                cues = tuple(dict.fromkeys(last.cues + stretch.cues))
                group[-1] = _Stretch(last.start, max(last.end, end), last.kind, cues)
                continue
            group.append(_Stretch(start, end, stretch.kind, stretch.cues))
        merged += group
    merged.sort(key=lambda s: (s.start, s.end))
    return [Injection(start=s.start, end=s.end, kind=s.kind, cues=s.cues) for s in merged]


def _gap(text: str, end: int, start: int) -> int:
    """How far apart two stretches may be and still join: only white space between."""
    between = text[end:start] if start > end else ""
    return len(between) if not between.strip() else 0


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
