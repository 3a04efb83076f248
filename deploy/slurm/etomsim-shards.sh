#!/usr/bin/env bash
# An etomsim experiment as a Slurm job array: task k runs shard k of N, then one dependent
# job merges them. Submit with:
#
#   N=8 SCENARIO=$PWD/scenario.yaml OUT=$PWD/run1 ./etomsim-shards.sh
#
# Shard files go to $OUT/round-0/shard-K (a file system every node sees); results.json and
# the report to $OUT/results. With --precision, read $OUT/results/next-round.json after the
# merge and submit another round with FIRST and REPLICATIONS set (see README.md).
set -euo pipefail
: "${N:?number of shards}" "${SCENARIO:?scenario file}" "${OUT:?output folder}"
FIRST="${FIRST:-0}"
ROUND="$OUT/round-$FIRST"
EXTRA=()
[ "$FIRST" -gt 0 ] && EXTRA+=(--first-replication "$FIRST" --replications "${REPLICATIONS:?replications of this round}")
mkdir -p "$ROUND"

shards=$(sbatch --parsable --array=1-"$N" --cpus-per-task="${CPUS:-4}" --job-name=etomsim-shard \
  --output="$ROUND/slurm-%a.log" \
  --wrap="etomsim run '$SCENARIO' --shard \$SLURM_ARRAY_TASK_ID/$N --out '$ROUND/shard-'\$SLURM_ARRAY_TASK_ID --workers \$SLURM_CPUS_PER_TASK --quiet ${EXTRA[*]:-}")

sbatch --dependency=afterok:"$shards" --job-name=etomsim-merge --output="$OUT/merge.log" \
  --wrap="etomsim merge '$OUT'/round-*/shard-* --out '$OUT/results'"
echo "submitted shards as job $shards, and their merge after them"
