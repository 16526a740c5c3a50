"""Reading prompt files for ``binding parse --input``: plain text or JSONL, checked up front."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from binding.errors import BindingError
from binding.prompt import check_prompt


def spec_file(source: str) -> object | None:
    """The spec a command's PROMPT|SPEC.json argument names when it names a file (.json, or
    any existing file), else None: the argument is a prompt."""
    path = Path(source)
    if path.suffix.lower() != ".json" and not path.is_file():
        return None
    if not path.is_file():
        raise BindingError(f"spec file {source} does not exist: give a spec file written "
                           "by `binding parse --json`, or a prompt in quotes")
    from binding.spec import load_spec

    return load_spec(path)


@dataclass(frozen=True)
class PromptLine:
    line: int
    prompt: str
    id: str | None = None


def _looks_like_jsonl(path: str, first: str) -> bool:
    return path.endswith((".jsonl", ".ndjson")) or first.lstrip().startswith("{")


def read_prompts(path: str) -> list[PromptLine]:
    """Prompts of a file (``-`` is stdin): one per line, or JSONL objects with ``prompt``.

    Blank lines are skipped. Every problem is reported with its line number before any
    parsing starts, so a bad file never leaves half an output behind.
    """
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise BindingError(f"cannot read {path}: {exc.strerror}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    lines: list[tuple[int, str]] = []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BindingError(
                f"{path}:{number}: not UTF-8 text (byte {exc.start + 1} of the line): "
                "save the file as UTF-8"
            ) from None
        text = text.rstrip("\r")
        if text.strip():
            lines.append((number, text))
    if not lines:
        raise BindingError(f"{path} has no prompts: write one prompt per line")
    if _looks_like_jsonl(path, lines[0][1]):
        return [_json_line(path, number, text) for number, text in lines]
    return [PromptLine(line=number, prompt=text.strip()) for number, text in lines]


def _json_line(path: str, number: int, text: str) -> PromptLine:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BindingError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict) or "prompt" not in record:
        raise BindingError(f'{path}:{number}: a JSONL line needs a "prompt" field')
    prompt = check_prompt(record["prompt"], f'{path}:{number}: "prompt"')
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        raise BindingError(f'{path}:{number}: "id" must be a string or an integer')
    return PromptLine(line=number, prompt=prompt, id=None if raw_id is None else str(raw_id))
