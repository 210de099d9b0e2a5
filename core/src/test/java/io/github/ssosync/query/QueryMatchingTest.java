package io.github.ssosync.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How clauses match, with the guides' own examples. */
class QueryMatchingTest {
  private final DirectoryUser jane =
      new DirectoryUser(
          "1",
          "jane.doe@example.com",
          "Jane Ann",
          "Doe",
          false,
          false,
          "/Eng/Platform",
          Map.of("orgTitle", "Engineering Manager", "isAdmin", "true", "Emp.level", "7"));
  private final DirectoryUser janet =
      new DirectoryUser(
          "2", "janet@example.com", "Janet", "Smith", true, false, "/Engineering", Map.of());
  private final DirectoryUser sarah =
      DirectoryUser.of("3", "sarah@example.com", "Sarah Jane", "Lee");

  private static boolean u(String query, DirectoryUser user) {
    return UserQuery.parse(query).matches(user);
  }

  @Test
  void searchFieldsReadTheAttributeKeysThatHoldThem() {
    DirectoryUser ann =
        new DirectoryUser(
            "4",
            "ann@example.com",
            "Ann",
            "Lee",
            false,
            false,
            "/",
            Map.of(
                "organizations.department", "Platform",
                "relations.manager", "bob@example.com",
                "externalIds.badge", "B-7",
                "phones.mobile", "+1 555 0199",
                "customSchemas.AWS.Role", "admin"));
    assertThat(u("orgDepartment=Platform", ann)).isTrue();
    assertThat(u("orgDepartment=Sales", ann)).isFalse();
    assertThat(u("directManager=bob@example.com", ann)).isTrue();
    assertThat(u("externalId=B-7", ann)).isTrue();
    assertThat(u("phone='+1 555 0199'", ann)).isTrue();
    assertThat(u("AWS.Role=admin", ann)).isTrue();
    assertThat(u("AWS.Role=user", ann)).isFalse();
    assertThat(u("orgDepartment=Platform", sarah)).isFalse();
  }

  @Test
  void equalsMatchesTheWholeValueIgnoringCase() {
    assertThat(u("givenName='Jane Ann'", jane)).isTrue();
    assertThat(u("givenName=Jane", jane)).as("not \"Jane Ann\"").isFalse();
    assertThat(u("email=JANE.DOE@example.com", jane)).isTrue();
    // "A query for name='Jane' returns no results for a user with givenName='Jane'"
    assertThat(u("name='Jane Ann Doe'", jane)).isTrue();
    assertThat(u("name='Jane'", jane)).isFalse();
  }

  @Test
  void colonMatchesWholeWordsInOrder() {
    assertThat(u("givenName:Jane", jane)).as("\"Jane Ann\"").isTrue();
    assertThat(u("givenName:Jane", janet)).as("not \"Janet\"").isFalse();
    assertThat(u("name:'Ann Doe'", jane)).isTrue();
    assertThat(u("name:'Doe Ann'", jane)).as("not out of order").isFalse();
    assertThat(u("orgTitle:manager", jane)).isTrue();
    assertThat(u("jane", sarah)).as("a bare word looks at the names and email").isTrue();
    assertThat(u("doe", janet)).isFalse();
  }

  @Test
  void aPrefixMatchesTheStartOfTheWholeValue() {
    // "givenName:Jane* matches "Jane", "Jane Ann", and "Janet" but not "Sarah Jane""
    assertThat(u("givenName:Jane*", jane)).isTrue();
    assertThat(u("givenName:Jane*", janet)).isTrue();
    assertThat(u("givenName:Jane*", sarah)).isFalse();
    assertThat(u("email:jane.*", jane)).isTrue();
  }

  @Test
  void orgUnitPathSelectsTheUnitAndEverythingUnderIt() {
    assertThat(u("orgUnitPath=/Eng", jane)).as("/Eng/Platform is under /Eng").isTrue();
    assertThat(u("orgUnitPath=/Eng", janet)).as("/Engineering is not").isFalse();
    assertThat(u("orgUnitPath=/eng/platform/", jane)).isTrue();
    assertThat(u("orgUnitPath=/", janet)).as("'orgUnitPath=/' returns all users").isTrue();
    assertThat(u("orgUnitPath=/Eng isSuspended=false", jane)).isTrue();
    assertThat(u("orgUnitPath=/Engineering isSuspended=false", janet)).isFalse();
  }

  @Test
  void otherFieldsAreReadFromTheAttributesAndBooleansDefaultToFalse() {
    assertThat(u("isAdmin=true", jane)).isTrue();
    assertThat(u("isAdmin=false", janet)).isTrue();
    assertThat(u("Emp.level>=7", jane)).isTrue();
    assertThat(u("Emp.level:[5,7]", jane)).as("the upper bound is exclusive").isFalse();
    assertThat(u("Emp.level:[5,8]", jane)).isTrue();
    assertThat(u("Emp.level<7", jane)).isFalse();
    assertThat(u("orgName=Engineering", jane)).as("absent").isFalse();
  }

  @Test
  void aFieldTheObjectCannotTellCountsAsMatching() {
    FieldValues unknownManager = f -> f.equals("manager") ? null : List.of();
    assertThat(UserQuery.parse("manager=boss@example.com").matches(unknownManager)).isTrue();
    assertThat(UserQuery.parse("manager=boss@example.com orgName=X").matches(unknownManager))
        .isFalse();
  }

  @Test
  void severalQueriesAreOredAndTheStarSelectsEveryone() {
    assertThat(UserQuery.anyOf(List.of("email:sarah*", "givenName=Janet")).test(janet)).isTrue();
    assertThat(UserQuery.anyOf(List.of("email:sarah*", "givenName=Janet")).test(jane)).isFalse();
    assertThat(UserQuery.anyOf(List.of("*")).test(jane)).isTrue();
    assertThat(UserQuery.anyOf(List.of()).test(jane)).isFalse();
  }

  @Test
  void groupsMatchByEmailNameOrADirectMember() {
    DirectoryGroup admins = DirectoryGroup.of("g1", "aws-admins@example.com", "AWS Admins");
    List<DirectoryMember> members = List.of(DirectoryMember.user(jane));
    assertThat(GroupQuery.parse("email:aws-*").matches(admins, members)).isTrue();
    assertThat(GroupQuery.parse("name:aws*").matches(admins, members)).isTrue();
    assertThat(GroupQuery.parse("name='aws admins'").matches(admins, members)).isTrue();
    assertThat(GroupQuery.parse("name:Admins*").matches(admins, members))
        .as("a prefix of the whole name, not of a word")
        .isFalse();
    assertThat(GroupQuery.parse("memberKey=Jane.Doe@example.com").matches(admins, members))
        .isTrue();
    assertThat(GroupQuery.parse("memberKey=1").matches(admins, members)).as("by id").isTrue();
    assertThat(GroupQuery.parse("memberKey=janet@example.com").matches(admins, members)).isFalse();
  }
}
