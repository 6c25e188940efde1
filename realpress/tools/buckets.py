"""Theme buckets for the stance selection (scratch, outside git). Applied to title + lead (+ tags)."""
import re
THEMES = [
 ('twitter_musk', r"\bMusk\b|Twitter|twittos|tweet|Mastodon"),
 ('regulation', r"\bDSA\b|\bDMA\b|Digital Services|Digital Markets|r[ée]gul|l[ée]gisl|\bloi\b|amende|sanction|\bCNIL\b|Arcom|Commission europ|interdi|bannir|bloqu|censur|majorit[ée] num|contr[ôo]le parental|protection des (?:mineurs|enfants|donn)"),
 ('disinfo', r"d[ée]sinformation|infox|\bintox|complot|propagande|fake|rumeur|fausses? (?:informations?|images?|vid[ée]os?)|manipul|trolls?\b|faux comptes|fact|v[ée]rif"),
 ('harassment', r"harc[eè]l|haine|\bhaineu|insult|menaces?\b|racis|antis[ée]mit|sexis|cyber|raid|lynchage|lapidation|injur"),
 ('tiktok', r"TikTok|BookTok|Douyin"),
 ('elections', r"pr[ée]sidentielle|l[ée]gislatives|campagne|candidat|[ée]lection|Zemmour|M[ée]lenchon|Macron|Le Pen|P[ée]cresse|Jadot|Hidalgo|Roussel|Bolsonaro|Lula|midterms"),
 ('creators', r"influenceu|youtubeu|streameu|Twitch|YouTube|cr[ée]ateurs?|instagrameu|ZEvent|Z Event|vlog|podcast|m[èe]mes?\b|Reddit|communaut[ée]"),
 ('business', r"\bMeta\b|Facebook|Snap|ByteDance|Alphabet|Google|licenci|r[ée]sultats|rachat|bourse|milliards|publicit|abonnement|chiffre d.affaires|m[ée]tavers|Zuckerberg|Instagram|WhatsApp|Telegram|LinkedIn"),
]
THEMES = [(n, re.compile(p, re.I)) for n, p in THEMES]
POS = re.compile(r"succ[èe]s|carton|star|conqu|ph[ée]nom[èe]ne|gr[âa]ce [àa]|triomph|s[ée]duit|essor|engouement|solidarit|mobilis|cagnotte|dons?\b|reine|\broi\b|r[ée]invent|nouvelle g[ée]n[ée]ration|lance|r[ée]v[ée]l|populaire|c[ée]l[èe]bre|fans?\b|passion|d[ée]couvr|humour|cr[ée]ati|talent|tremplin|visibilit|fier|r[ée]ussi|rock stars?|vedette|en vogue|vent en poupe|mode\b|tendance|rajeun|relance|sauv|aide", re.I)

def theme(f):
    text = f['title'] + ' ' + f['lead']
    for n, rx in THEMES:
        if rx.search(text):
            return n
    return 'other'
