package io.github.ssosync.provider;

/**
 * Users, groups and member lists read (see {@link ReadCounter}).
 *
 * @param users users read
 * @param groups groups read
 * @param memberLists member lists read to their end, one per group
 */
public record ReadCounts(long users, long groups, long memberLists) {
  /** Nothing read, or a source or target that does not count. */
  public static final ReadCounts NONE = new ReadCounts(0, 0, 0);

  /**
   * @param before counts taken earlier
   * @return what was read since {@code before}
   */
  public ReadCounts since(ReadCounts before) {
    return new ReadCounts(
        users - before.users, groups - before.groups, memberLists - before.memberLists);
  }
}
