package dev.strata.postgres.inspect;

/** The corpus contract between introspection and lowering on the machine's PostgreSQL 15 server. */
class CorpusContractIT extends CorpusContractCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.LOCAL);
  }
}
