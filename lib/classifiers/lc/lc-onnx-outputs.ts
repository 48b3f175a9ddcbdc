/** Output names of the hierarchical ONNX graph (all float [N, ·]); kept apart so serving does not load the ONNX builder. */
export const LC_ONNX_OUTPUTS = {
  final: "probabilities",
  top: "top",
  Periodic: "periodic",
  Stochastic: "stochastic",
  Transient: "transient",
} as const;
