"""The render configuration: one definition of every render setting, checked once, with a
one-line error for a bad value (library and command line alike)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binding.errors import BindingError
from binding.generation.config import GuidanceConfig, RenderConfig, make_config

NUMBERS = {"step_size": "step size", "guidance": "guidance scale"}


@pytest.mark.parametrize("name", NUMBERS)
@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_non_finite_numbers_are_refused(name, value):
    with pytest.raises(BindingError) as caught:
        make_config(RenderConfig, "syngen", {name: value})
    message = str(caught.value)
    assert message == f"{NUMBERS[name]} must be a finite number, not {value}"
    assert "\n" not in message


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_step_size_is_taken_exactly_when_finite_and_not_negative(value):
    if math.isfinite(value) and value >= 0:
        assert make_config(RenderConfig, "syngen", {"step_size": value}).step_size == value
    else:
        with pytest.raises(BindingError, match="step size must be"):
            make_config(RenderConfig, "syngen", {"step_size": value})


@pytest.mark.parametrize(("settings", "message"), [
    ({"steps": 0}, "steps must be at least 1, not 0"),
    ({"max_refine": -1}, "refinement cap must be at least 0, not -1"),
    ({"steps": 4, "guided_steps": 5}, "guided steps must be between 0 and 4, not 5"),
    ({"on_truncated": "keep"}, "on_truncated must be 'error' or 'drop', not 'keep'"),
    ({"stepz": 4}, "unknown render setting 'stepz'"),
])
def test_bad_settings_are_one_line(settings, message):
    with pytest.raises(BindingError, match=message):
        make_config(RenderConfig, "syngen", settings)


def test_a_config_with_changes_and_the_guidance_part_of_a_render_config():
    config = make_config(RenderConfig, "attend-excite", {"steps": 10, "max_refine": 2})
    assert make_config(RenderConfig, config, {"steps": 20}).model_dump() == {
        **config.model_dump(), "steps": 20}
    guidance = make_config(GuidanceConfig, config)  # what BindingGuidance takes
    assert guidance.method == "attend-excite" and guidance.max_refine == 2
    assert not hasattr(guidance, "steps")
    with pytest.raises(BindingError, match="finite"):
        make_config(RenderConfig, config, {"guidance": math.nan})
