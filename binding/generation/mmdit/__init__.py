"""Binding guidance for MMDiT models: Stable Diffusion 3 / 3.5 and FLUX.1.

Text and image tokens attend jointly in these transformers; the image-query × text-key block
of each joint attention is what a UNet's cross-attention is, and the losses read it unchanged.
One module per concern:

- ``layers``: which joint-attention layers the loss reads (a documented rule, ``--layers``);
- ``capture``: processors that compute the image→text probabilities at those layers only;
- ``streams``: which text stream (T5, or SD3's CLIP tokens) and where the spec's words are in
  it, through the model's own tokenizers;
- ``conditioning`` and ``sampler``: the pipelines' encodings and schedule, and the guided
  flow-matching loop ``render`` runs (``FlowSampler``);
- ``replay``: how the pipelines call their transformer, for ``BindingGuidance``;
- ``architectures``: SD3.5-medium, FLUX.1-dev and tiny models with random weights.
"""
