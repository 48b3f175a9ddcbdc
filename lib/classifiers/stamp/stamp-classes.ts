// What the stamp network reads and what it outputs, shared by serving (stamp-classifier.ts) and
// training (training/stamp/): 21×21 crops of the science, template and difference stamps in, one
// probability per class out, in STAMP_CLASSES order.

export const STAMP_CLASSES = ["AGN", "SN", "VS", "asteroid", "bogus"] as const;
export type StampClass = (typeof STAMP_CLASSES)[number];

export const STAMP_SIZE = 21;
export const STAMP_CHANNELS = 3;
