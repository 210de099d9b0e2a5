package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.provider.DaemonThreads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads the member lists of the matched groups, then of the groups nested in them, level by level
 * and in parallel, each group once. A nested group of another organisation (403 on its first page,
 * at a domain not ours) is left out with a warning; every other failure fails the read.
 */
final class MemberLists {
  /** The API's largest page (members.list reference: "Max allowed value is 200"). */
  static final int MEMBERS_PAGE = 200;

  private static final String MEMBER_FIELDS = "nextPageToken,members(id,email,role,type,status)";

  private final DirectoryApi api;
  private final int concurrency;

  MemberLists(DirectoryApi api, int concurrency) {
    this.api = api;
    this.concurrency = concurrency;
  }

  /**
   * @return the members, or null when the group is another organisation's (nested groups only: a
   *     matched group came from our own groups.list)
   */
  private @Nullable List<DirectoryMember> listMembers(
      String groupId, String groupEmail, boolean nested, ReadState state) {
    String what = "members.list of group " + groupEmail;
    List<DirectoryMember> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      Members page;
      try {
        page =
            api.call(
                "members.list",
                what,
                () ->
                    api.directory()
                        .members()
                        .list(groupId)
                        .setMaxResults(MEMBERS_PAGE)
                        .setPageToken(pageToken)
                        .setFields(MEMBER_FIELDS)
                        .execute());
      } catch (ProviderException e) {
        if (nested && pageToken == null && state.foreign(e, groupEmail)) {
          state.warnings.add(
              new DirectoryWarning(
                  groupEmail,
                  "nested group "
                      + groupEmail
                      + " belongs to another organisation: Google will not show its members"
                      + " (members.list answered 403 Not Authorized); skipped, and with it the"
                      + " access its members would get"));
          return null;
        }
        throw e;
      }
      if (page.getMembers() != null) {
        for (Member m : page.getMembers()) {
          out.add(ModelMapping.member(m));
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** Members of the matched groups, then of the groups nested in them, level by level. */
  Map<String, List<DirectoryMember>> read(
      Set<String> roots, Map<String, DirectoryGroup> groups, ReadState state) {
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    List<String> level = new ArrayList<>(roots);
    Set<String> queued = new LinkedHashSet<>(roots);
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-members");
    try {
      while (!level.isEmpty()) {
        Map<String, Future<@Nullable List<DirectoryMember>>> pending = new LinkedHashMap<>();
        for (String id : level) {
          String email = groups.get(id).email();
          boolean nested = !roots.contains(id);
          pending.put(id, pool.submit(() -> listMembers(id, email, nested, state)));
        }
        List<String> next = new ArrayList<>();
        for (Map.Entry<String, Future<@Nullable List<DirectoryMember>>> e : pending.entrySet()) {
          List<DirectoryMember> list = DirectoryReader.await(e.getValue());
          if (list == null) {
            groups.remove(e.getKey()); // another organisation's: not part of the snapshot
            continue;
          }
          members.put(e.getKey(), list);
          for (DirectoryMember m : list) {
            if (m.type() == MemberType.GROUP && queued.add(m.id())) {
              String email = m.email() == null ? m.id() : m.email();
              // A nested group's own attributes matter only if a query selects it, in which case
              // groups.list described it already.
              groups.putIfAbsent(m.id(), new DirectoryGroup(m.id(), email, email, null));
              next.add(m.id());
            }
          }
        }
        level = next;
      }
    } finally {
      pool.shutdownNow();
    }
    return members;
  }
}
