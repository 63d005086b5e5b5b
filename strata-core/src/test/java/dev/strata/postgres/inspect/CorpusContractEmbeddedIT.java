package dev.strata.postgres.inspect;

/** The corpus contract between introspection and lowering on the test kit's embedded PostgreSQL 17. */
class CorpusContractEmbeddedIT extends CorpusContractCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.EMBEDDED);
  }
}
