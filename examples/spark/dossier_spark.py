"""Run Dossier's processing on Apache Spark: WARC files in, JSON Lines shards out.

Each Spark partition gets a share of the WARC paths and pipes them, one per line, into
`dossier process --paths-from - --out -`, which streams one article per line (the fields of
corpus.json) to its standard output. Spark writes each partition's lines as a shard
(`part-00000`, ...). `dossier merge SHARDS_DIR --out corpus.json` or
`cargo xtask build --corpus SHARDS_DIR` then makes one corpus (actor ids corpus-wide, copies
of a story linked across shards) and the explorer.

    spark-submit examples/spark/dossier_spark.py paths.txt --out shards/ --dossier target/release/dossier

Every worker needs the `dossier` binary at the given path and read access to the WARC paths
(a shared file system, or paths its Hadoop file system can open are not enough: the binary
reads local paths). See the README ("Archives and Spark") for a cluster and its cost.
"""

import argparse
import shlex

from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", help="a text file with one WARC (.warc, .warc.gz) path per line")
    ap.add_argument("--out", required=True, help="folder for the JSON Lines shards (must not exist)")
    ap.add_argument("--dossier", default="dossier", help="the dossier binary on every worker")
    ap.add_argument("--partitions", type=int, default=0, help="default: one per WARC, at most the default parallelism x 4")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("dossier").getOrCreate()
    sc = spark.sparkContext
    with open(args.paths, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    partitions = args.partitions or max(1, min(len(paths), sc.defaultParallelism * 4))
    command = [args.dossier, "process", "--paths-from", "-", "--out", "-", "--quiet"]
    articles = sc.parallelize(paths, partitions).pipe(shlex.join(command))
    articles.saveAsTextFile(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
