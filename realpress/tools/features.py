#!/usr/bin/env python3
"""Compute social-media keyword features for every pool article (scratch, outside git)."""
import json, re, sys
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]
POOL = str(REALPRESS / 'pool.jsonl')
SM = re.compile(r"r[ée]seaux?[ -]sociaux|\bTikTok|\bTwitter|\btwe?ets?\b|\btweet|Facebook|Instagram|YouTube|youtubeu|\bTwitch|Snapchat|WhatsApp|Telegram|LinkedIn|Discord|influenceu[rs]|influenceuses?|\bMeta\b|Zuckerberg|\bMusk\b|\bX\.com|internautes|vid[ée]os? virale|\bvirale?s?\b|streameu|\bbuzz\b|hashtag|#\w+|algorithme|mod[ée]ration|haine en ligne|cyberharc[eè]lement|harc[eè]lement en ligne|d[ée]sinformation|fake news|infox|complotis|\bDSA\b|Digital Services Act|DMA\b|plateformes? (?:num[ée]riques?|en ligne|de vid[ée]os?)|g[ée]ants du num[ée]rique|GAFA|BookTok|Reddit|Pinterest|Mastodon|Truth Social|Vkontakte|VK\b|Weibo|WeChat|Douyin", re.I)
PLAT = re.compile(r"r[ée]seaux?[ -]sociaux|\bTikTok|\bTwitter|Facebook|Instagram|YouTube|\bTwitch|Snapchat|WhatsApp|Telegram|LinkedIn|Discord|influenceu|\bMeta\b|Reddit|Pinterest|Mastodon|Truth Social|Weibo|WeChat|Douyin|youtubeu|streameu|BookTok|\btweet", re.I)
def feats(a):
    t, l, b = a['title'], a['lead'], a['body']
    w = len(b.split())
    return dict(id=a['id'], sec=(a['ld_sections'][0] if a['ld_sections'] else '(aucune)'), secs=a['ld_sections'],
                kw=a['ld_keywords'], tags=a['social_media_tags'], words=w, topics=a['section_topics'],
                t_sm=len(SM.findall(t)), l_sm=len(SM.findall(l)), b_sm=len(SM.findall(b)),
                t_pl=len(PLAT.findall(t)), l_pl=len(PLAT.findall(l)), b_pl=len(PLAT.findall(b)),
                title=t, lead=l, date=(a['date_published'] or a['first_seen'] or '')[:10])
if __name__ == '__main__':
    with open(str(REALPRESS / 'work' / 'features.jsonl'), 'w') as out:
        for line in open(POOL):
            out.write(json.dumps(feats(json.loads(line)), ensure_ascii=False) + '\n')
