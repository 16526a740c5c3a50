"""CLIP's byte-pair tokenizer, built offline from the BPE file CLIP itself ships.

Built with Hugging Face ``tokenizers`` (the library behind ``CLIPTokenizerFast``): same
normaliser, pre-tokeniser and merges as ``openai/clip-vit-large-patch14``, and character offsets
for every piece, which is what alignment needs. No torch, no transformers, no network.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib.resources import files

from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

CLIP_TOKENIZER_NAME = "openai/clip-vit-large-patch14"
CLIP_MAX_LENGTH = 77
START_TOKEN, END_TOKEN = "<|startoftext|>", "<|endoftext|>"
_BPE_FILE = "bpe_simple_vocab_16e6.txt.gz"
_N_MERGES = 49152 - 256 - 2  # as in CLIP's simple_tokenizer
# CLIP's word pattern (simple_tokenizer.py), as transformers' converter writes it.
_PATTERN = (
    r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|"""
    r"""[^\s\p{L}\p{N}]+"""
)


def _bytes_to_unicode() -> list[str]:
    """GPT-2/CLIP's reversible byte -> printable character table, in vocabulary order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
                 *range(ord("®"), ord("ÿ") + 1)]
    codes = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return [chr(c) for c in codes]


class ClipBPE:
    """CLIP's tokenizer with character offsets: ``offsets(text)`` gives one (start, end) per
    content token (start/end tokens excluded), in order."""

    name = CLIP_TOKENIZER_NAME
    max_length = CLIP_MAX_LENGTH

    def __init__(self) -> None:
        raw = (files("binding.alignment") / _BPE_FILE).read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").split("\n")
        merges = [tuple(line.split()) for line in lines[1 : _N_MERGES + 1]]
        symbols = _bytes_to_unicode()
        vocab_list = symbols + [s + "</w>" for s in symbols] + ["".join(m) for m in merges]
        vocab_list += [START_TOKEN, END_TOKEN]
        vocab = {piece: i for i, piece in enumerate(vocab_list)}
        bpe = models.BPE(vocab=vocab, merges=merges, continuing_subword_prefix="",
                         end_of_word_suffix="</w>", unk_token=END_TOKEN, fuse_unk=False)
        tokenizer = Tokenizer(bpe)
        tokenizer.normalizer = normalizers.Sequence(
            [normalizers.NFC(), normalizers.Replace(Regex(r"\s+"), " "), normalizers.Lowercase()]
        )
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(_PATTERN), behavior="removed", invert=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False),
        ])
        self._tokenizer = tokenizer
        self.start_id, self.end_id = vocab[START_TOKEN], vocab[END_TOKEN]

    def encode(self, text: str) -> tuple[list[int], list[str], list[tuple[int, int]]]:
        """Content token ids, pieces and character offsets (no start/end tokens, no window)."""
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        return encoding.ids, encoding.tokens, encoding.offsets

    def offsets(self, text: str) -> list[tuple[int, int]]:
        return self._tokenizer.encode(text, add_special_tokens=False).offsets

    def offsets_batch(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        return [e.offsets for e in encodings]


@lru_cache(maxsize=1)
def clip_tokenizer() -> ClipBPE:
    """The shared CLIP tokenizer (built once per process, ~0.15 s)."""
    return ClipBPE()
