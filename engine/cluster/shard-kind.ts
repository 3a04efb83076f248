// What marks a shard file (its `kind`), apart from the shard module so that the scenario's
// loader can tell a shard file given where a scenario goes without loading the experiment.
export const SHARD_KIND = 'etomsim-shard';
