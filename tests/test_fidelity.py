"""Every method against its reference implementation, and at the scale its reference was tuned
for (issue 19): a loss at the wrong scale gets the wrong guidance from the right step size."""

from __future__ import annotations

import math

import numpy as np
import pytest
import reference_losses as ref
import torch
from attention_maps import sd_like_maps
from test_losses import prepared

from binding.generation.methods import METHODS, get_method
from binding.generation.methods.divide_bind import total_variation

# --- Attend-and-Excite against diffusers' own implementation -------------------------------


@pytest.fixture(scope="module")
def diffusers_attend_excite():
    """diffusers' StableDiffusionAttendAndExcitePipeline, as the reference (tests only)."""
    from diffusers.pipelines.deprecated.stable_diffusion_attend_and_excite import (
        pipeline_stable_diffusion_attend_and_excite as module,
    )

    return module.StableDiffusionAttendAndExcitePipeline


def diffusers_loss(pipeline, maps: torch.Tensor, entities: list[list[int]]) -> float:
    """diffusers' A&E loss of one image's (h, w, 77) maps; a multi-piece entity by its best
    piece (diffusers takes one index per subject)."""
    flat = [p for pieces in entities for p in pieces]
    # the static method scales its input in place: hand it a copy
    maxima = pipeline._compute_max_attention_per_index(maps.clone(), indices=flat)
    by_position = dict(zip(flat, maxima, strict=True))
    best = [max(by_position[p] for p in pieces) for pieces in entities]
    return float(pipeline._compute_loss(best))


@pytest.mark.filterwarnings("ignore:torch.meshgrid:UserWarning")  # diffusers' own kernel code
@pytest.mark.parametrize("seed", range(4))
def test_attend_excite_equals_diffusers(diffusers_attend_excite, seed):
    groups = [([3], [[2]]), ([6, 7], [[5]]), ([10], [])]  # a two-piece entity
    generator = torch.Generator().manual_seed(seed)
    random = (torch.randn(2, 16, 16, 77, generator=generator) * 3).softmax(dim=-1)
    shaped = sd_like_maps({3: (5, 4, 4), 6: (6, 11, 3), 7: (6, 11, 3)}, 2.0 + seed, batch=2,
                          seed=seed)
    method, index = prepared("attend-excite", groups, 13)
    for maps in (random, shaped):
        ours = method.loss(maps, index)
        for n in range(maps.shape[0]):
            expected = diffusers_loss(diffusers_attend_excite, maps[n], [[3], [6, 7], [10]])
            assert ours[n].item() == pytest.approx(expected, abs=1e-6)


def test_attend_excite_schedule_equals_diffusers(diffusers_attend_excite):
    import inspect

    defaults = inspect.signature(diffusers_attend_excite.__call__).parameters
    schedule = get_method("attend-excite").schedule
    assert schedule.refinement(50) == defaults["thresholds"].default
    assert schedule.guided_steps(50) == defaults["max_iter_to_alter"].default
    scale = np.linspace(1.0, 0.5, 50)  # diffusers: scale_factor * sqrt(linspace(1, .5, steps))
    for step in range(50):
        assert schedule.alpha(step, 50) == pytest.approx(
            defaults["scale_factor"].default * np.sqrt(scale[step]), rel=1e-12)


# --- Divide & Bind against its reference code's tv_bind loss, fact by fact -----------------

# "a red cube and a green striped ball" (+ a lone entity): one attribute, two attributes, none
DB_GROUPS = [([3], [[2]]), ([7, 8], [[5], [6]]), ([11], [])]
DB_ENTITIES = [[3], [7, 8], [11]]
DB_ATTRIBUTES = {0: [[2]], 1: [[5], [6]]}
DB_REGIONS = {3: (5, 4, 4.5), 2: (5, 4, 4.5), 7: (6, 11, 4), 8: (6, 11, 4), 5: (6, 11, 4),
              6: (6, 11, 4), 11: (12, 7, 2)}
DB_WEAKER = {2: 1.0, 5: 1.0, 6: 1.5, 8: 0.5}


def db_maps(strength: float, seed: int) -> torch.Tensor:
    return sd_like_maps(DB_REGIONS, strength, weaker=DB_WEAKER, seed=seed)


def db_ours(maps: torch.Tensor, step: int, groups=DB_GROUPS, **params) -> torch.Tensor:
    method, index = prepared("divide-bind", groups, 14, **params)
    method.at_step(index, step, 50)
    return method.loss(maps, index)


def test_divide_bind_variation_is_the_reference_codes_mean_with_its_last_row_quirk():
    generator = torch.Generator().manual_seed(0)
    image = torch.rand(1, 1, 7, 9, generator=generator)
    assert total_variation(image).item() == pytest.approx(
        ref.tv_bind_variation(image[0, 0]).item(), abs=1e-6)
    # the quirk: a map that differs only in its last row varies in every row's comparison
    bottom = torch.zeros(1, 1, 4, 4)
    bottom[..., -1, :] = 1.0
    assert total_variation(bottom).item() == pytest.approx(2 / 3)  # rows 1, 2 differ; row 3 not
    assert total_variation(torch.ones(1, 1, 4, 4)).item() == 0.0
    # a mean: maps in [0, 1] never vary by more than 2, whatever their size
    assert total_variation(torch.rand(1, 1, 64, 64, generator=generator)).item() < 2.0


@pytest.mark.parametrize("strength", [0.0, 3.0, 4.0, 5.0, 8.0])
@pytest.mark.parametrize("step", [0, 10, 20])
def test_divide_bind_equals_the_reference_code(strength, step):
    maps = db_maps(strength, seed=int(strength))
    expected = ref.divide_bind(maps[0], DB_ENTITIES, DB_ATTRIBUTES, stop=76, step=step)
    assert db_ours(maps, step).item() == pytest.approx(expected.item(), abs=1e-6)


def test_divide_bind_threshold_switches_at_tv_one_tenth():
    """Entities on both sides of TV = 0.1 occur, and each gets its own threshold: moving the
    switch changes the reference's loss, and ours follows the unmoved one."""
    both_sides, switched = set(), 0
    for strength in (3.0, 3.5, 4.0, 4.5, 5.0, 6.0):
        maps = db_maps(strength, seed=1)
        variation = ref.tv_bind_variation(ref.smooth(ref.text_softmax(maps[0], 76)[..., 2]))
        both_sides.add(variation.item() < 0.1)
        expected = ref.divide_bind(maps[0], DB_ENTITIES[:1], {0: [[2]]}, stop=76, step=20)
        flipped = ref.divide_bind(maps[0], DB_ENTITIES[:1], {0: [[2]]}, stop=76, step=20,
                                  sharp_below=-math.inf if variation < 0.1 else math.inf)
        method, index = prepared("divide-bind", DB_GROUPS[:1], 14)
        method.at_step(index, 20, 50)
        ours = method.loss(maps, index).item()
        assert ours == pytest.approx(expected.item(), abs=1e-6)
        if abs(flipped.item() - expected.item()) > 1e-4:
            switched += 1
            assert ours != pytest.approx(flipped.item(), abs=1e-5)
    assert both_sides == {True, False}
    assert switched >= 2


def test_divide_bind_ramps_c_at_steps_ten_and_twenty():
    maps = db_maps(4.0, seed=2)
    bound = DB_GROUPS[:2]  # entities with attributes: c weighs every entity's term
    values = {}
    for step in (0, 9, 10, 19, 20, 24):
        expected = ref.divide_bind(maps[0], DB_ENTITIES[:2], DB_ATTRIBUTES, stop=76, step=step)
        values[step] = db_ours(maps, step, bound).item()
        assert values[step] == pytest.approx(expected.item(), abs=1e-6)
    assert values[0] == values[9] < values[10] == values[19] < values[20] == values[24]
    # ramp=false keeps c at lambda; lambda scales c
    flat = ref.divide_bind(maps[0], DB_ENTITIES[:2], DB_ATTRIBUTES, stop=76, step=20, lam=2.0,
                           ramp=False)
    assert db_ours(maps, 20, bound, ramp=False, **{"lambda": 2.0}).item() == pytest.approx(
        flat.item(), abs=1e-6)


def test_divide_bind_gradient_equals_the_reference_codes():
    maps = db_maps(4.0, seed=3).requires_grad_(True)
    (ours,) = torch.autograd.grad(db_ours(maps, 10).sum(), maps)
    expected_maps = maps.detach().clone().requires_grad_(True)
    (expected,) = torch.autograd.grad(
        ref.divide_bind(expected_maps[0], DB_ENTITIES, DB_ATTRIBUTES, stop=76, step=10),
        expected_maps)
    assert torch.allclose(ours, expected, atol=1e-6, rtol=1e-4)
    assert ours.abs().max() > 0


# --- the scale check: refinement thresholds reachable, and not met before any update --------

# "a red cube and a blue ball": each entity with its attribute and article on its own object.
# Positions 1 a, 2 red, 3 cube, 4 and, 5 a, 6 blue, 7 ball; 8 is the end token.
SCALE_GROUPS = [([3], [[2]]), ([7], [[6]])]
OBJECT = {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1, 7: 1}
CENTRES = {0: (5.0, 4.0, 5.5), 1: (6.0, 11.0, 5.5)}  # about a third of the image each
SCALE_REGIONS = {p: CENTRES[o] for p, o in OBJECT.items()}
SCALE_WEAKER = {1: 2.0, 2: 1.0, 4: 2.0, 5: 2.0, 6: 1.0}  # entities draw the most attention


def object_attention(seed: int = 0) -> torch.Tensor:
    """A causal text self-attention shaped like CLIP's: 85 % on the start token, and each
    token attending more to earlier tokens of its own object than to the others."""
    generator = torch.Generator().manual_seed(seed)
    length = 9
    attention = torch.zeros(length, length)
    attention[0, 0] = 1.0
    for i in range(1, length):
        row = torch.full((i,), 0.01) + 0.005 * torch.rand(i, generator=generator)
        for j in range(1, i):
            if i in OBJECT and OBJECT[i] == OBJECT[j]:
                row[j - 1] += 0.1 + 0.05 * torch.rand((), generator=generator)
        row[i - 1] += 0.05  # itself
        attention[i, 1:i + 1] = 0.15 * row / row.sum()
        attention[i, 0] = 0.85
    return attention


def scale_index(name: str):
    attention = object_attention() if get_method(name).needs_text_attention else None
    return prepared(name, SCALE_GROUPS, 9, attention=attention)


STRENGTHS = [0.5 * k for k in range(17)]  # 0 (nothing stands out) .. 8 (each owns its object)
REFINED = sorted(name for name, method in METHODS.items() if method.refined is not None)


@pytest.mark.parametrize("name", REFINED)
def test_refinement_thresholds_are_reachable_and_not_met_at_once(name):
    """On maps in which no token stands out yet no threshold is met (refinement has work to
    do); on maps where every entity owns its object every threshold is; and between them the
    thresholds are met one after the other, in their order, as the objects form."""
    method, index = scale_index(name)
    thresholds = sorted(set(method.schedule.refinement(50).values()))
    assert len(thresholds) >= 2
    for seed in range(3):
        first_met = []
        for threshold in thresholds:
            met = [bool(method.refined(sd_like_maps(SCALE_REGIONS, s, weaker=SCALE_WEAKER,
                                                    seed=seed), index, threshold))
                   for s in STRENGTHS]
            assert not met[0], f"{name}: threshold {threshold} met before any update"
            assert met[-1], f"{name}: threshold {threshold} not reached on formed objects"
            first_met.append(met.index(True))
        assert first_met == sorted(first_met)
        assert first_met[0] < first_met[-1], f"{name}: every threshold met at once"


@pytest.mark.parametrize("name", sorted(set(METHODS) - set(REFINED)))
def test_methods_without_refinement_have_no_thresholds(name):
    """SynGen's papers refine nothing: a method without a refinement check must not be given
    thresholds it cannot test."""
    assert get_method(name).schedule.refinement(50) == {}


def test_divide_bind_at_the_papers_sum_would_have_met_its_thresholds_at_once():
    """Why the mean matters: on the same unguided maps the sum over neighbour differences
    already exceeds the first threshold, while the reference code's mean is far below it."""
    _, index = scale_index("divide-bind")
    from binding.generation.methods.divide_bind import entity_maps

    for seed in range(3):
        entity = entity_maps(sd_like_maps(SCALE_REGIONS, 0.0, weaker=SCALE_WEAKER, seed=seed),
                             index)[1]
        summed = ((entity[..., 1:, :] - entity[..., :-1, :]).abs().sum(dim=(-2, -1))
                  + (entity[..., :, 1:] - entity[..., :, :-1]).abs().sum(dim=(-2, -1)))
        assert summed.amin().item() > 0.05 > 10 * total_variation(entity).amin().item()


# --- T-SAM against a loop transcription of METHODS.md's formula -----------------------------


@pytest.mark.parametrize("strength", [0.0, 3.0, 8.0])
def test_tsam_equals_the_formula_on_shaped_maps(strength):
    attention = object_attention(seed=1)
    maps = sd_like_maps(SCALE_REGIONS, strength, weaker=SCALE_WEAKER, seed=4)
    method, index = prepared("tsam", SCALE_GROUPS, 9, attention=attention)
    expected = ref.tsam(maps[0], attention, stop=8)
    assert method.loss(maps, index).item() == pytest.approx(expected.item(), abs=1e-5)


def test_tsam_schedule_is_the_reference_settings():
    method = get_method("tsam")
    assert method.defaults == {"power": 3.0, "sigma": 0.5}
    assert method.schedule.guided_steps(50) == 30
    assert method.schedule.alpha(0, 50) == 5.0
    assert method.schedule.alpha(49, 50) == pytest.approx(5 * math.sqrt(0.5))
    assert sorted(method.schedule.refinement(50)) == [0, 10, 20]


# --- SynGen against the paper's per-pair formula (torch.distributions) on shaped maps ------


@pytest.mark.parametrize("strength", [0.0, 4.0, 8.0])
def test_syngen_equals_the_per_pair_formula_on_shaped_maps(strength):
    """Maps where the start token takes most attention leave tiny values in the token maps:
    the formula's clamping of logs must agree there too (tests/test_losses.py checks random
    prompts with multi-piece words)."""
    groups = [([3], [[2]]), ([6, 7], [[5]])]
    regions = {2: (5, 4, 4), 3: (5, 4, 4), 5: (6, 11, 4), 6: (6, 11, 4), 7: (6, 11, 4)}
    maps = sd_like_maps(regions, strength, batch=2, seed=5)
    for name, params, extra in (("syngen", {}, {}),
                                ("syngen-entropy", {"include_entities": True},
                                 {"include_entities": True, "lam": 0.1, "gamma": 0.1})):
        method, index = prepared(name, groups, 10, **params)
        ours = method.loss(maps, index)
        for n in range(2):
            expected = ref.syngen(maps[n], groups, content=list(range(1, 9)), **extra)
            assert ours[n].item() == pytest.approx(expected.item(), abs=1e-5, rel=1e-5)
