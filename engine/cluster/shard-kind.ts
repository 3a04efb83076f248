// What marks a shard file (its `kind`), apart from the shard module so that the file-kind
// sniffer (engine/io/file-kind.ts) can tell a shard file given where a scenario, a log or a
// results file goes without loading the experiment.
export const SHARD_KIND = 'etomsim-shard';
