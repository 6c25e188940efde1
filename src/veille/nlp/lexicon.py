"""Social media as a target: the platforms and the terms that name them. Used by the entity ruler and by
the stance features, so both agree on what counts as a mention."""

PLATFORMS = (
    "Facebook", "Twitter", "Instagram", "TikTok", "Tik Tok", "YouTube", "Youtube", "LinkedIn", "Linkedin",
    "Snapchat", "Telegram", "WhatsApp", "Whatsapp", "Twitch", "Discord", "Reddit", "Pinterest", "Threads",
    "Bluesky", "Mastodon", "BeReal", "Tumblr", "Kick", "Rumble", "Truth Social", "WeChat", "Weibo", "Douyin",
    "Signal", "Messenger", "Meta", "ByteDance", "Insta", "Snap", "Vine", "Clubhouse", "Viber",
)
# "X" is a platform only in these contexts: a preceding word, or "(ex-Twitter)" after it.
X_PLATFORM_PREVIOUS_WORDS = {"sur", "via", "réseau", "plateforme", "compte", "application", "appli"}

# Terms that name social media or their people and practices; generic words ("publication",
# "application", "en ligne") are left out: they name other things as often.
SOCIAL_MEDIA_TERMS = (
    "réseau social", "réseaux sociaux", "média social", "médias sociaux", "plateforme", "plateformes",
    "influenceur", "influenceurs", "influenceuse", "influenceuses", "créateur de contenu",
    "créateurs de contenu", "créatrice de contenu", "créatrices de contenu", "youtubeur", "youtubeurs",
    "youtubeuse", "youtubeuses", "tiktokeur", "tiktokeurs", "tiktokeuse", "tiktokeuses", "instagrammeur",
    "instagrammeuse", "streamer", "streameur", "streameuse", "followers", "hashtag", "mot-dièse",
    "fil d'actualité", "vidéo virale", "vidéos virales", "tweet", "tweets", "cyberharcèlement",
    "harcèlement en ligne", "désinformation", "infox", "fake news", "messagerie", "messageries",
    "internautes", "algorithme de recommandation", "modération des contenus",
)
