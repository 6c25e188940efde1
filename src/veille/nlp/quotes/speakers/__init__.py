"""Who speaks: resolving the words that name a speaker (SPEAKER_RESOLVERS, in order), and completing the
speakers of direct quotes no attribution named."""

from veille.nlp.quotes.speakers.recent import complete_speakers, recent_speaker
from veille.nlp.quotes.speakers.request import NoSpeaker, SpeakerRequest
from veille.nlp.quotes.speakers.resolvers import SPEAKER_RESOLVERS, resolve_speaker, speaker_of

__all__ = ["SPEAKER_RESOLVERS", "NoSpeaker", "SpeakerRequest", "complete_speakers", "recent_speaker",
           "resolve_speaker", "speaker_of"]
