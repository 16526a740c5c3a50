"""Binding guidance for MMDiT models: Stable Diffusion 3 / 3.5 and FLUX.1."""
