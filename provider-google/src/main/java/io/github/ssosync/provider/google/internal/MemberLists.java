package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.provider.ReadCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads the member lists of one level of the selection's closure (core's {@code Selection} walks
 * the levels: matched groups, then the groups nested in them), in parallel. A nested group of
 * another organisation (403 on its first page, at a domain not ours) is left out with a warning;
 * every other failure fails the read.
 */
final class MemberLists {
  /** The API's largest page (members.list reference: "Max allowed value is 200"). */
  static final int MEMBERS_PAGE = 200;

  private static final String MEMBER_FIELDS = "nextPageToken,members(id,email,role,type,status)";

  private final DirectoryApi api;
  private final int concurrency;
  private final ReadCounter counter;

  MemberLists(DirectoryApi api, int concurrency, ReadCounter counter) {
    this.api = api;
    this.concurrency = concurrency;
    this.counter = counter;
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
    counter.memberList();
    return out;
  }

  /**
   * Members of one level of the selection's closure, read in parallel.
   *
   * @return members by group id; a nested group of another organisation is left out (warned)
   */
  Map<String, List<DirectoryMember>> level(
      List<DirectoryGroup> level, boolean nested, ReadState state) {
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    ExecutorService pool =
        DaemonThreads.fixedPool(
            Math.max(1, Math.min(concurrency, level.size())), "ssosync-google-members");
    try {
      Map<String, Future<@Nullable List<DirectoryMember>>> pending = new LinkedHashMap<>();
      for (DirectoryGroup g : level) {
        pending.put(g.id(), pool.submit(() -> listMembers(g.id(), g.email(), nested, state)));
      }
      for (Map.Entry<String, Future<@Nullable List<DirectoryMember>>> e : pending.entrySet()) {
        List<DirectoryMember> list = DirectoryReader.await(e.getValue());
        if (list != null) {
          members.put(e.getKey(), list);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return members;
  }
}
