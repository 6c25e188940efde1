"""Label vocabularies of the real-press quote annotation (see corpus/GUIDELINES.md section 3)."""
TYPES = {"direct", "indirect", "mixed"}
PATTERNS = {"incise_after", "incise_inside", "colon", "colon_next_paragraph", "indirect_que", "selon", "mixed",
            "dash", "continuation", "multi_paragraph", "unclosed", "interview_answer"}
SPEAKER_KINDS = {"person", "organisation", "role", "group"}
QUOTE_KEYS_WORK = {"type", "parts", "speaker", "speaker_kind", "cue", "pattern", "speaker_title", "speaker_org",
                   "skip"}
QUOTE_KEYS_OUT = {"type", "parts", "speaker", "speaker_kind", "cue", "pattern", "speaker_title", "speaker_org"}
MAX_LABEL_WORDS = 10
TYPE_PATTERNS = {
    "mixed": {"mixed"},
    "indirect": {"indirect_que", "selon", "incise_after", "incise_inside", "colon"},
    "direct": {"incise_after", "incise_inside", "colon", "colon_next_paragraph", "dash", "continuation",
               "multi_paragraph", "unclosed", "interview_answer"},
}
NULL_CUE_PATTERNS = {"continuation", "dash", "interview_answer"}
