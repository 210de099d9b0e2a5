package io.github.ssosync.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Google's operator tables accept and refuse, clause by clause. */
class QuerySyntaxTest {

  /** Every example of the "Search for users" guide, and one clause of each field in its table. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "name='Jane Smith'",
        "name:'Jane'",
        "email:admin*",
        "isAdmin=true",
        "orgTitle:Manager",
        "manager='janesmith@example.com'",
        "directManager='bobjones@example.com'",
        "addressCountry='Sweden'",
        "orgName='Human Resources'",
        "orgName=Engineering orgTitle:Manager",
        "EmploymentData.projects:'GeneGnomes'",
        "EmploymentData.location='Atlanta'",
        "EmploymentData.jobLevel>=7",
        "EmploymentData.jobLevel:[5,8]",
        "EmploymentData.hired<2020-01-31",
        "isEnrolledIn2Sv=true",
        "isEnforcedIn2Sv=true",
        "isDelegatedAdmin=false isSuspended=false isArchived=false isGuest=false",
        "givenName=Jane familyName:Smith* email=jane@example.com",
        "im:jane externalId=E42 managerId=123 directManagerId=456",
        "address:Main addressPoBox=1 addressExtended:x addressStreet:'1 Main St'",
        "addressLocality=Oslo addressRegion=NY addressPostalCode=10001",
        "orgDepartment:Sales orgDescription:x orgCostCenter=CC1 phone=+15551234",
        "orgUnitPath=/ orgUnitPath='/Sales Team'",
        "jane",
        "name:'Valentine\\'s Day'",
      })
  void usersAcceptWhatTheUsersTableLists(String query) {
    assertThatCode(() -> UserQuery.parse(query)).doesNotThrowAnyException();
  }

  /** Every example of the "Search for groups" guide. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "name='contact'",
        "email:admin*",
        "memberKey=user@company.com",
        "name:contact* email:contact*",
        "name=contact",
        "email=aws-admins@example.com",
        "name:'AWS Ad'*",
      })
  void groupsAcceptWhatTheGroupsTableLists(String query) {
    assertThatCode(() -> GroupQuery.parse(query)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "name:jan*              | name:jan*      | name takes =, :, not a prefix search",
        "nickname:x             | nickname:x     | nickname is not a field of users.list queries",
        "GivenName:Jo*          | GivenName:Jo*  | field names are case-sensitive: write givenName",
        "isSuspended=maybe      | isSuspended=maybe | isSuspended is true or false",
        "isSuspended=TRUE       | isSuspended=TRUE  | isSuspended is true or false",
        "isAdmin:true           | isAdmin:true   | isAdmin takes =, not :",
        "phone:555              | phone:555      | phone takes =, not :",
        "orgUnitPath:/Eng       | orgUnitPath:/Eng | orgUnitPath takes =, not :",
        "address=Main           | address=Main   | address takes :, not =",
        "givenName>=3           | givenName>=3   | givenName takes =, :, :{PREFIX}*, not >=",
        "email:*x               | email:*x       | '*' may only end a value",
        "email=aws-*            | email=aws-*    | a prefix search ('*') takes ':', as in email:aws-*",
        "email=                 | email=         | no value after email=",
        "name:\"Jane Doe\"      | name:\"Jane    | quote values with ' (single quotes)",
        "name:'Jane             | name:'Jane     | the quote is not closed",
        "jan*                   | jan*           | a bare word takes no '*'",
        "S.f:x*                 | S.f:x*         | not supported on custom attributes",
        "S.level>high           | S.level>high   | compares numbers",
        "S.level:[1,2020-01-01] | S.level:[1,2020-01-01] | both bounds of the same kind",
        "=x                     | =x             | no field before '='",
      })
  void usersRefuseWhatGoogleRefusesNamingTheClause(String query, String clause, String problem) {
    assertThatThrownBy(() -> UserQuery.parse(query))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((QuerySyntaxException) e).clause()).startsWith(clause));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "name:admins                   | name:admins  | write name:value* for a prefix",
        "email:aws-admins@example.com  | email:aws-admins@example.com | email takes =, :{PREFIX}*",
        "memberKey=a@x.org name:Eng*   | memberKey=a@x.org | cannot be combined with email or name",
        "email:aws-* memberKey=a@x.org | memberKey=a@x.org | cannot be combined with email or name",
        "memberKey:a@x.org             | memberKey:a@x.org | memberKey takes =, not :",
        "memberKey=a memberKey=b       | memberKey=b  | one memberKey",
        "description:x*                | description:x* | the fields are email, name, memberKey",
        "admins                        | admins       | no bare words",
        "S.f=x                         | S.f=x        | S.f is not a field of groups.list queries",
      })
  void groupsRefuseWhatGoogleRefusesNamingTheClause(String query, String clause, String problem) {
    assertThatThrownBy(() -> GroupQuery.parse(query))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((QuerySyntaxException) e).clause()).isEqualTo(clause));
  }

  @Test
  void clausesPrintBackInGoogleSyntax() {
    assertThat(UserQuery.parse("name:'Jane  Doe'   email:ja* S.n:[1,5]").toString())
        .isEqualTo("name:'Jane  Doe' email:ja* S.n:[1,5]");
    assertThat(UserQuery.parse("name='O\\'Brien'").clauses().get(0).value()).isEqualTo("O'Brien");
    assertThat(GroupQuery.parse("memberKey=ann@example.com").memberKey())
        .contains("ann@example.com");
  }
}
