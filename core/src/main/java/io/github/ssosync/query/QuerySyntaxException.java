package io.github.ssosync.query;

/**
 * A query that the directory would refuse. The message names the clause and what is wrong with it,
 * for example {@code clause 'name:jan*': name takes = or : (whole words), not a prefix search}.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String clause;

  /**
   * @param clause the offending clause as written (or the whole query when no clause is to blame)
   * @param problem what is wrong
   */
  public QuerySyntaxException(String clause, String problem) {
    super("clause '" + clause + "': " + problem);
    this.clause = clause;
  }

  /** The offending clause as written. */
  public String clause() {
    return clause;
  }
}
