package dev.strata.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.postgres.exec.PgError;
import dev.strata.postgres.exec.PgSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Applies migration scripts to a database the way Prisma's shadow-database replay does, one
 * migration after another on one connection, with one deliberate difference that makes real
 * histories replay.
 *
 * <p>Prisma (6.x, 7.0–7.3) sends a whole {@code migration.sql} as one simple query, which
 * PostgreSQL runs as one implicit transaction: a migration is atomic unless the file has its own
 * {@code BEGIN}/{@code COMMIT}, and statements that PostgreSQL refuses inside a transaction block
 * ({@code CREATE INDEX CONCURRENTLY} and the like) work only as the file's sole statement. The
 * replayer splits the file ({@link SqlSplitter}) and reproduces those semantics statement by
 * statement: consecutive ordinary statements share one transaction, the file's own transaction
 * statements are honoured, and each statement that must run outside a transaction block is run
 * on its own in autocommit after committing what came before it. Failures name the migration,
 * the statement, its line in the file and the database's error.
 */
public final class MigrationReplayer {
  /** The SQLSTATE of a cancelled statement ({@code query_canceled}), also given to a stop between statements. */
  public static final String QUERY_CANCELED = "57014";

  private final Connection connection;
  private final BooleanSupplier stopRequested;
  private final Optional<StatementObserver> observer;

  private MigrationReplayer(Connection connection, BooleanSupplier stopRequested, Optional<StatementObserver> observer) {
    this.connection = connection;
    this.stopRequested = stopRequested;
    this.observer = observer;
  }

  /**
   * A hook around each statement a replayer runs (used to observe what PostgreSQL does); it runs
   * on the replayer's thread and may query the replayer's connection, inside the open transaction.
   */
  public interface StatementObserver {
    /**
     * Called when the replayer opens a transaction: after the file's {@code BEGIN}, or before the
     * first statement of its own (whose {@link Execution#sql()} then starts with the {@code BEGIN}).
     */
    void transactionStarted() throws SQLException;

    /**
     * Runs {@code statement} (at {@code index} in the script's {@link SqlSplitter} statements) by
     * calling {@code execution} exactly once; {@code inTransaction} tells whether it runs inside a
     * transaction block (else alone, in autocommit). Not called for transaction control statements.
     */
    void run(int index, SqlStatement statement, boolean inTransaction, Execution execution) throws SQLException;
  }

  /** One statement to send to the server. */
  public interface Execution {
    /**
     * The text to send: the statement, preceded by {@code BEGIN;} when the replayer opened its
     * transaction for it (an observer may send it followed by its own queries, in one round trip).
     */
    String sql();

    /**
     * What must follow in the same round trip, after the observer's own queries: {@code COMMIT}
     * when the statement ends the replayer's transaction, else empty.
     */
    String followUp();

    /** Sends {@link #sql()}, then {@link #followUp()}. */
    void execute() throws SQLException;
  }

  /** A replayer on {@code connection} (not closed by it; switched to autocommit mode). */
  public static MigrationReplayer on(Connection connection) {
    return new MigrationReplayer(Objects.requireNonNull(connection, "connection"), () -> false, Optional.empty());
  }

  /**
   * This replayer, checking {@code stopRequested} before each statement: once it is true, the
   * script stops as if the next statement had been cancelled (SQLSTATE 57014), its open
   * transaction rolled back.
   */
  public MigrationReplayer stoppingWhen(BooleanSupplier stopRequested) {
    return new MigrationReplayer(connection, Objects.requireNonNull(stopRequested, "stopRequested"), observer);
  }

  /**
   * This replayer, running each statement through {@code observer}. Every statement that may run
   * in a transaction then runs in one (a statement alone in its implicit transaction gets an
   * explicit {@code BEGIN}/{@code COMMIT}, which PostgreSQL treats the same), so that the observer
   * sees the transaction before it commits.
   */
  public MigrationReplayer observedBy(StatementObserver observer) {
    return new MigrationReplayer(connection, stopRequested, Optional.of(observer));
  }

  /**
   * Applies every migration in order, stopping at the first failure.
   *
   * @throws MigrationFailedException when a statement fails (earlier migrations stay applied)
   * @throws StrataException {@code INVALID_INPUT} when a folder has no readable {@code migration.sql}
   */
  public ReplayResult replay(List<MigrationFolder> migrations) {
    long started = System.nanoTime();
    for (MigrationFolder migration : migrations) {
      requireScript(migration);
    }
    List<AppliedMigration> applied = new ArrayList<>(migrations.size());
    for (MigrationFolder migration : migrations) {
      applied.add(apply(migration));
    }
    return new ReplayResult(applied, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Applies one migration folder's {@code migration.sql}. */
  public AppliedMigration apply(MigrationFolder migration) {
    return apply(migration.name(), migration.migrationFile(), requireScript(migration));
  }

  /**
   * Applies one script, named {@code name} in messages and read from {@code file}.
   *
   * @throws MigrationFailedException when a statement fails; the open transaction is rolled back
   */
  public AppliedMigration apply(String name, java.nio.file.Path file, String script) {
    long started = System.nanoTime();
    List<SqlStatement> statements = SqlSplitter.split(script);
    PgSession session;
    int major;
    try {
      session = PgSession.on(connection);
      major = session.serverMajorVersion();
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Cannot run migration `" + name + "`: " + PgError.of(e).describe(), e);
    }
    Run run = new Run(session, observer);
    List<String> notes = new ArrayList<>();
    int outside = 0;
    SqlStatement current = null;
    // Whether the previous statement ran alone in autocommit because this one must run outside a transaction block.
    boolean loneBefore = false;
    // Whether the script stopped on request before a statement (which then never ran).
    boolean stoppedBefore = false;
    try {
      for (int i = 0; i < statements.size(); i++) {
        SqlStatement statement = statements.get(i);
        current = statement;
        if (stopRequested.getAsBoolean()) {
          stoppedBefore = true;
          throw new SQLException("canceling statement due to user request (the command was interrupted before it)", QUERY_CANCELED);
        }
        boolean ranAlone = loneBefore;
        loneBefore = false;
        Optional<SqlStatement.TransactionControl> control = statement.transactionControl();
        if (control.isPresent()) {
          run.control(control.get(), statement);
        } else if (statement.needsNoTransactionOn(major) && !run.userTransaction) {
          if (run.ourTransaction || ranAlone) {
            notes.add("committed the statements before line " + statement.startLine()
                + " so that `" + statement.firstLine() + "` could run outside a transaction block");
          }
          run.commitOurs();
          execute(session, run, i, statement, false);
          run.committed.add(statement);
          outside++;
        } else if (observer.isEmpty() && !run.ourTransaction && !run.userTransaction
            && endsImplicitTransaction(statements, i + 1, major)) {
          // Alone in what would be our transaction: autocommit runs it as one, in one round trip.
          session.execute(statement.text());
          run.committed.add(statement);
          loneBefore = true;
        } else {
          run.ensureTransaction();
          // Observed: the statement that ends our transaction carries its COMMIT, in one round trip.
          boolean commit = observer.isPresent() && run.ourTransaction && endsImplicitTransaction(statements, i + 1, major);
          execute(session, run, i, statement, true, commit);
          run.uncommitted.add(statement);
          if (commit) {
            run.committedWithStatement();
            loneBefore = true;
          }
        }
      }
      if (run.userTransaction) {
        notes.add("the file leaves a transaction open (BEGIN without COMMIT); it was committed at the end of the file");
      }
      if (run.ourTransaction || run.userTransaction) {
        session.commit();
      }
    } catch (SQLException e) {
      List<SqlStatement> committed = List.copyOf(run.committed);
      session.rollbackQuietly();
      SqlStatement failed = current != null ? current : new SqlStatement("", 1, 0);
      MigrationFailure failure = failure(name, file, script, failed, e, committed, session);
      if (!stoppedBefore) {
        failure = withoutInvalidIndex(failure, session);
      }
      throw new MigrationFailedException(failure, e);
    }
    return new AppliedMigration(name, statements.size(), outside, Duration.ofNanos(System.nanoTime() - started), notes);
  }

  private void execute(PgSession session, Run run, int index, SqlStatement statement, boolean inTransaction) throws SQLException {
    execute(session, run, index, statement, inTransaction, false);
  }

  private void execute(PgSession session, Run run, int index, SqlStatement statement, boolean inTransaction, boolean commit)
      throws SQLException {
    if (observer.isPresent()) {
      String sql = run.beginPending ? "BEGIN;\n" + statement.text() : statement.text();
      String followUp = commit ? "COMMIT" : "";
      run.beginPending = false;
      observer.get().run(index, statement, inTransaction, new Execution() {
        @Override
        public String sql() {
          return sql;
        }

        @Override
        public String followUp() {
          return followUp;
        }

        @Override
        public void execute() throws SQLException {
          session.execute(followUp.isEmpty() ? sql : sql + (sql.endsWith(";") ? "\n" : ";\n") + followUp);
        }
      });
    } else {
      session.execute(statement.text());
    }
  }

  /**
   * After a failed {@code CREATE INDEX CONCURRENTLY}: drops the invalid index it left behind, so
   * that running the statement again does not fail with "already exists" (PostgreSQL's documented
   * recovery), and says so in the failure. Waits at most 5 s for the locks the drop needs.
   */
  private static MigrationFailure withoutInvalidIndex(MigrationFailure failure, PgSession session) {
    Optional<SqlStatement.ConcurrentIndex> index = failure.statement().concurrentIndexCreated();
    if (index.isEmpty()) {
      return failure;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        String saved = session.setting("lock_timeout");
        session.execute("SET lock_timeout = 5000");
        try {
          if (!session.dropInvalidIndex(index.get().name(), index.get().table())) {
            return failure;
          }
        } finally {
          session.execute("SELECT set_config('lock_timeout', '" + saved.replace("'", "''") + "', false)");
        }
        return new MigrationFailure(failure.migrationName(), failure.file(), failure.statement(), failure.line(), failure.lineText(),
            failure.sqlState(), failure.databaseMessage() + "\nThe invalid index \"" + index.get().name()
            + "\" that the failed statement left behind was dropped, so the statement can run again.",
            failure.committedStatements(), failure.missingExtension(), failure.serverVersion());
      } catch (SQLException e) {
        // A late cancel request may hit the cleanup itself: tried once more, then left to the user.
      }
    }
    return failure;
  }

  /**
   * Whether the implicit transaction a statement would open ends right after it: at the end of
   * the file, or before a statement that runs outside a transaction block. (Not before the file's
   * own {@code BEGIN}, which would take the statement into its transaction, nor before a {@code
   * ROLLBACK}, which would undo it.)
   */
  private static boolean endsImplicitTransaction(List<SqlStatement> statements, int next, int major) {
    if (next >= statements.size()) {
      return true;
    }
    SqlStatement following = statements.get(next);
    return !following.isTransactionControl() && following.needsNoTransactionOn(major);
  }

  private static String requireScript(MigrationFolder migration) {
    return migration.sql().orElseThrow(() -> new StrataException(ErrorCode.INVALID_INPUT,
        "Could not find the migration file at " + migration.migrationFile()
            + ". Please delete the directory or restore the migration file."));
  }

  private static MigrationFailure failure(String name, java.nio.file.Path file, String script, SqlStatement statement,
      SQLException e, List<SqlStatement> committed, PgSession session) {
    PgError error = PgError.of(e);
    int line = error.position().isPresent() ? statement.lineOf(error.position().getAsInt()) : statement.startLine();
    String message = error.message();
    if (error.detail().isPresent()) {
      message += "\nDETAIL: " + error.detail().get();
    }
    if (error.hint().isPresent()) {
      message += "\nHINT: " + error.hint().get();
    }
    Optional<String> missing = Optional.empty();
    String version = "";
    try {
      version = session.serverVersion();
      Optional<String> extension = extensionName(statement);
      if (extension.isPresent() && !session.extensionAvailable(extension.get())) {
        missing = extension;
      }
    } catch (SQLException ignored) {
      // The connection is gone; report the original error without the extension check.
    }
    return new MigrationFailure(name, file, statement, line, lineText(script, line), error.sqlState(), message,
        committed, missing, version);
  }

  /** The extension a {@code CREATE EXTENSION [IF NOT EXISTS] name} statement creates. */
  static Optional<String> extensionName(SqlStatement statement) {
    List<String> words = statement.leadingWords(2);
    if (words.size() < 2 || !words.get(0).equals("CREATE") || !words.get(1).equals("EXTENSION")) {
      return Optional.empty();
    }
    SqlLexer lexer = new SqlLexer(statement.text());
    int seen = 0;
    while (lexer.next()) {
      if (lexer.kind() == SqlLexer.Kind.WHITESPACE || lexer.kind() == SqlLexer.Kind.COMMENT) {
        continue;
      }
      seen++;
      if (seen <= 2) {
        continue;
      }
      String token = lexer.token();
      if (lexer.kind() == SqlLexer.Kind.WORD) {
        String upper = token.toUpperCase(Locale.ROOT);
        if (upper.equals("IF") || upper.equals("NOT") || upper.equals("EXISTS")) {
          continue;
        }
        return Optional.of(token.toLowerCase(Locale.ROOT));
      }
      if (lexer.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER && token.length() >= 2) {
        return Optional.of(token.substring(1, token.length() - 1).replace("\"\"", "\""));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String lineText(String script, int line) {
    int start = 0;
    for (int i = 1; i < line; i++) {
      int nl = script.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
    }
    int end = script.indexOf('\n', start);
    String text = end < 0 ? script.substring(start) : script.substring(start, end);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** The transaction state of one script's run: ours (implicit, like a simple query's) or the file's own. */
  private static final class Run {
    private final PgSession session;
    private final Optional<StatementObserver> observer;
    boolean ourTransaction;
    boolean userTransaction;
    /** With an observer: our transaction's {@code BEGIN} is still to be sent, before the next statement. */
    boolean beginPending;
    /** The statements committed so far, in order. */
    final List<SqlStatement> committed = new ArrayList<>();
    /** The statements run in the open transaction (ours or the file's), committed with it. */
    final List<SqlStatement> uncommitted = new ArrayList<>();

    Run(PgSession session, Optional<StatementObserver> observer) {
      this.session = session;
      this.observer = observer;
    }

    void ensureTransaction() throws SQLException {
      if (!ourTransaction && !userTransaction) {
        if (observer.isPresent()) {
          // Sent with the statement, in the same round trip.
          beginPending = true;
          ourTransaction = true;
          observer.get().transactionStarted();
        } else {
          session.begin();
          ourTransaction = true;
        }
      }
    }

    /** Our transaction was committed by the statement's round trip. */
    void committedWithStatement() {
      ourTransaction = false;
      committed.addAll(uncommitted);
      uncommitted.clear();
    }

    void commitOurs() throws SQLException {
      if (ourTransaction) {
        session.commit();
        ourTransaction = false;
        committed.addAll(uncommitted);
        uncommitted.clear();
      }
    }

    /** The file's own BEGIN/COMMIT/ROLLBACK, with PostgreSQL's simple-query semantics. */
    void control(SqlStatement.TransactionControl control, SqlStatement statement) throws SQLException {
      switch (control) {
        case BEGIN -> {
          // In a simple query, BEGIN turns the implicit transaction into an explicit one:
          // the statements before it stay in the same transaction.
          if (!ourTransaction) {
            session.execute(statement.text());
            if (observer.isPresent()) {
              observer.get().transactionStarted();
            }
          }
          ourTransaction = false;
          userTransaction = true;
        }
        case COMMIT -> {
          session.execute(statement.text());
          committed.addAll(uncommitted);
          uncommitted.clear();
          ourTransaction = false;
          userTransaction = false;
        }
        case ROLLBACK -> {
          session.execute(statement.text());
          uncommitted.clear();
          ourTransaction = false;
          userTransaction = false;
        }
      }
    }
  }
}
