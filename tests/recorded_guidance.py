"""A ``BindingGuidance`` that keeps what it did, for the guidance tests of every family."""

from __future__ import annotations

import torch

from binding.generation.guidance import BindingGuidance


class Recorded(BindingGuidance):
    """The guidance, keeping (schedule step, latents in, latents out) of every update."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.updates = []

    def callback_fn(self, pipeline, step_index, timestep, callback_kwargs):
        step = self._run.offset + step_index + 1
        before = callback_kwargs["latents"].clone()
        out = super().callback_fn(pipeline, step_index, timestep, callback_kwargs)
        if not torch.equal(out["latents"], before):
            self.updates.append((step, before, out["latents"].clone()))
        return out
