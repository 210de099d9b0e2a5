package io.github.ssosync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.DirectoryContent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DirectorySource} must do. Extend it and implement {@link #createSource} to
 * serve the given content; override the query hooks if the source's query syntax is not Google's.
 *
 * <p>The fixture: {@code aws-admins} holds ann (owner), an external guest, the whole customer and
 * the group {@code inner}; {@code inner} holds bob and {@code deep}; {@code deep} holds cat and,
 * closing a cycle, {@code aws-admins}. {@code team-other} holds dan (suspended). eve is archived
 * and in no group.
 */
public abstract class DirectorySourceContract {
  /** ann: a plain user, owner of aws-admins. */
  protected static final DirectoryUser ANN =
      new DirectoryUser("1001", "ann@example.com", "Ann", "Lee", false, false, "/Eng", Map.of());

  /** bob: member of inner. */
  protected static final DirectoryUser BOB =
      new DirectoryUser("1002", "bob@example.com", "Bob", "Ray", false, false, "/Eng", Map.of());

  /** cat: member of deep. */
  protected static final DirectoryUser CAT =
      new DirectoryUser("1003", "cat@example.com", "Cat", "Kim", false, false, "/", Map.of());

  /** dan: suspended, member of team-other. */
  protected static final DirectoryUser DAN =
      new DirectoryUser("1004", "dan@example.com", "Dan", "Ito", true, false, "/", Map.of());

  /** eve: archived. */
  protected static final DirectoryUser EVE =
      new DirectoryUser("1005", "eve@example.com", "Eve", "Abe", false, true, "/", Map.of());

  /** The selected group. */
  protected static final DirectoryGroup ADMINS =
      new DirectoryGroup("g01", "aws-admins@example.com", "AWS Admins", "Administrators");

  /** Nested in aws-admins. */
  protected static final DirectoryGroup INNER =
      DirectoryGroup.of("g02", "inner@example.com", "Inner");

  /** Nested in inner; nests aws-admins (a cycle). */
  protected static final DirectoryGroup DEEP = DirectoryGroup.of("g03", "deep@example.com", "Deep");

  /** Not selected by the prefix query. */
  protected static final DirectoryGroup OTHER =
      DirectoryGroup.of("g04", "team-other@example.com", "Other");

  private DirectorySource source;

  /**
   * Creates a source serving exactly this content (a fresh emulator, a file, ...).
   *
   * @param content the directory
   * @return the source
   */
  protected abstract DirectorySource createSource(DirectoryContent content);

  /**
   * @param prefix an email prefix
   * @return a group query selecting groups whose email starts with it
   */
  protected String groupQueryForEmailPrefix(String prefix) {
    return "email:" + prefix + "*";
  }

  /**
   * @param email an email
   * @return a user query selecting exactly that user
   */
  protected String userQueryForEmail(String email) {
    return "email=" + email;
  }

  /** The fixture described in the class comment. */
  protected static DirectoryContent fixture() {
    return DirectoryContent.builder()
        .user(ANN)
        .user(BOB)
        .user(CAT)
        .user(DAN)
        .user(EVE)
        .group(
            ADMINS,
            new DirectoryMember(ANN.id(), ANN.primaryEmail(), MemberType.USER, MemberRole.OWNER),
            new DirectoryMember(
                "x1", "guest@partner.example", MemberType.EXTERNAL, MemberRole.MEMBER),
            new DirectoryMember("C0abc", null, MemberType.CUSTOMER, MemberRole.MEMBER),
            DirectoryMember.group(INNER))
        .group(INNER, DirectoryMember.user(BOB), DirectoryMember.group(DEEP))
        .group(DEEP, DirectoryMember.user(CAT), DirectoryMember.group(ADMINS))
        .group(OTHER, DirectoryMember.user(DAN))
        .build();
  }

  private DirectorySnapshot read(List<String> users, List<String> groups) {
    if (source == null) {
      source = createSource(fixture());
    }
    return source.read(new DirectoryQuery(users, groups));
  }

  /** Closes the source. */
  @AfterEach
  void closeSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aPrefixQuerySelectsItsGroupsAndReadsEveryNestedGroupOnce() {
    DirectorySnapshot s = read(List.of(), List.of(groupQueryForEmailPrefix("aws-")));
    assertThat(s.matchedGroupIds()).containsExactly(ADMINS.id());
    assertThat(ids(s.groups())).containsExactlyInAnyOrder(ADMINS.id(), INNER.id(), DEEP.id());
    assertThat(s.members().keySet()).containsExactlyInAnyOrder(ADMINS.id(), INNER.id(), DEEP.id());
    assertThat(memberKeys(s.members().get(DEEP.id())))
        .containsExactlyInAnyOrder("USER:" + CAT.id(), "GROUP:" + ADMINS.id());
    assertThat(s.matchedUserIds()).isEmpty();
  }

  @Test
  void everyUserAGroupReferencesIsDescribedWithItsAttributes() {
    DirectorySnapshot s = read(List.of(), List.of(groupQueryForEmailPrefix("aws-")));
    assertThat(s.users())
        .extracting(DirectoryUser::id)
        .containsExactlyInAnyOrder(ANN.id(), BOB.id(), CAT.id());
    DirectoryUser ann =
        s.users().stream().filter(u -> u.id().equals(ANN.id())).findFirst().orElseThrow();
    assertThat(ann.primaryEmail()).isEqualTo(ANN.primaryEmail());
    assertThat(ann.givenName()).isEqualTo(ANN.givenName());
    assertThat(ann.familyName()).isEqualTo(ANN.familyName());
  }

  @Test
  void membersKeepTheirTypesAndRoles() {
    DirectorySnapshot s = read(List.of(), List.of(groupQueryForEmailPrefix("aws-")));
    assertThat(memberKeys(s.members().get(ADMINS.id())))
        .containsExactlyInAnyOrder(
            "USER:" + ANN.id(), "EXTERNAL:x1", "CUSTOMER:C0abc", "GROUP:" + INNER.id());
    assertThat(s.members().get(ADMINS.id()))
        .filteredOn(m -> m.id().equals(ANN.id()))
        .extracting(DirectoryMember::role)
        .containsExactly(MemberRole.OWNER);
  }

  @Test
  void theAllQuerySelectsEveryGroupAndUserWithTheirFlags() {
    DirectorySnapshot s = read(List.of(DirectoryQuery.ALL), List.of(DirectoryQuery.ALL));
    assertThat(s.matchedGroupIds())
        .containsExactlyInAnyOrder(ADMINS.id(), INNER.id(), DEEP.id(), OTHER.id());
    assertThat(s.matchedUserIds()).contains(ANN.id(), BOB.id(), CAT.id(), DAN.id());
    Map<String, DirectoryUser> byId =
        s.users().stream().collect(Collectors.toMap(DirectoryUser::id, u -> u));
    assertThat(byId.get(DAN.id()).suspended()).isTrue();
    assertThat(byId.get(ANN.id()).suspended()).isFalse();
    if (byId.containsKey(EVE.id())) {
      assertThat(byId.get(EVE.id()).archived()).isTrue();
    }
  }

  @Test
  void aUserQuerySelectsExactlyItsUsers() {
    DirectorySnapshot s = read(List.of(userQueryForEmail(BOB.primaryEmail())), List.of());
    assertThat(s.matchedUserIds()).containsExactly(BOB.id());
    assertThat(s.groups()).isEmpty();
  }

  @Test
  void emptyQueriesSelectNothing() {
    DirectorySnapshot s = read(List.of(), List.of());
    assertThat(s.users()).isEmpty();
    assertThat(s.groups()).isEmpty();
    assertThat(s.matchedUserIds()).isEmpty();
  }

  @Test
  void severalQueriesAreOred() {
    DirectorySnapshot s =
        read(
            List.of(),
            List.of(groupQueryForEmailPrefix("aws-"), groupQueryForEmailPrefix("team-")));
    assertThat(s.matchedGroupIds()).containsExactlyInAnyOrder(ADMINS.id(), OTHER.id());
  }

  private static Set<String> ids(List<DirectoryGroup> groups) {
    return groups.stream().map(DirectoryGroup::id).collect(Collectors.toSet());
  }

  private static List<String> memberKeys(List<DirectoryMember> members) {
    return members.stream().map(m -> m.type() + ":" + m.id()).toList();
  }
}
