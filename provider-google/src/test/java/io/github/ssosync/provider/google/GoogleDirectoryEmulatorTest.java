package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator answers the real Directory client as the Directory API does. */
class GoogleDirectoryEmulatorTest {
  private static final DirectoryUser ANN =
      new DirectoryUser(
          "1", "ann@example.com", "Ann", "Lee", false, false, "/Eng/Platform", Map.of());
  private static final DirectoryUser BOB =
      new DirectoryUser(
          "2", "bob@example.com", "Bob", "Ray", false, false, "/Engineering", Map.of());
  private static final DirectoryGroup ADMINS =
      DirectoryGroup.of("g1", "aws-admins@example.com", "AWS Admins");

  @TempDir Path dir;
  private GoogleFixture f;
  private Directory d;

  @BeforeEach
  void start() {
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .user(BOB)
            .group(
                ADMINS,
                DirectoryMember.user(ANN),
                new DirectoryMember(
                    "f1",
                    "guest@partner.org",
                    io.github.ssosync.directory.MemberType.USER,
                    io.github.ssosync.directory.MemberRole.MEMBER))
            .build();
    f = new GoogleFixture(content, dir);
    f.emulator.foreignUser("f1", "guest@partner.org").foreignGroup("fg", "team@partner.org");
    d = f.directory();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aUserOrGroupOfAnotherOrganisationIs403NotAuthorizedNot404() throws IOException {
    for (ThrowingCallable call :
        List.<ThrowingCallable>of(
            () -> d.users().get("f1").execute(),
            () -> d.users().get("guest@partner.org").execute(),
            () -> d.users().get("someone@gmail.com").execute(),
            () -> d.groups().get("fg").execute(),
            () -> d.members().list("team@partner.org").execute())) {
      assertError(call, 403, "Not Authorized to access this resource/api", "forbidden");
    }
    assertError(
        () -> d.users().get("999").execute(), 404, "Resource Not Found: userKey", "notFound");
    assertError(
        () -> d.groups().get("nope@example.com").execute(),
        404,
        "Resource Not Found: groupKey",
        "notFound");
    // The foreign member is listed, without the status Google leaves out for such members.
    var members = d.members().list("g1").execute().getMembers();
    assertThat(members)
        .extracting(m -> m.getEmail())
        .containsExactly("ann@example.com", "guest@partner.org");
    assertThat(members.get(1).getStatus()).isNull();
    assertThat(members.get(0).getStatus()).isEqualTo("ACTIVE");
  }

  @Test
  void aQueryGoogleRefusesIs400InvalidInput() {
    for (ThrowingCallable call :
        List.<ThrowingCallable>of(
            () -> d.users().list().setCustomer("my_customer").setQuery("name:Ann*").execute(),
            () -> d.users().list().setCustomer("my_customer").setQuery("nickname:x").execute(),
            () -> d.groups().list().setCustomer("my_customer").setQuery("email:aws").execute(),
            () -> d.groups().list().setCustomer("my_customer").setQuery("name:AWS").execute(),
            () ->
                d.groups()
                    .list()
                    .setCustomer("my_customer")
                    .setQuery("memberKey=ann@example.com email:aws-*")
                    .execute())) {
      assertError(call, 400, "Invalid Input: query", "invalid");
    }
  }

  @Test
  void fieldsGoogleAcceptsAreServedAndOrgUnitPathIncludesSubUnits() throws IOException {
    Users eng =
        d.users()
            .list()
            .setCustomer("my_customer")
            .setQuery("orgUnitPath=/Eng isSuspended=false")
            .execute();
    assertThat(eng.getUsers()).extracting(User::getId).containsExactly("1");
    Groups byMember =
        d.groups()
            .list()
            .setCustomer("my_customer")
            .setQuery("memberKey=ann@example.com")
            .execute();
    assertThat(byMember.getGroups()).hasSize(1);
    assertThat(
            d.users()
                .list()
                .setCustomer("my_customer")
                .setQuery("isAdmin=false ann")
                .execute()
                .getUsers())
        .extracting(User::getId)
        .containsExactly("1");
  }

  @Test
  void partialResponsesKeepOnlyTheSelectedFieldsAndRefuseUnknownOnes() throws IOException {
    Users page =
        d.users()
            .list()
            .setCustomer("my_customer")
            .setFields("nextPageToken,users(id,name/givenName)")
            .execute();
    User ann = page.getUsers().get(0);
    assertThat(ann.getId()).isEqualTo("1");
    assertThat(ann.getName().getGivenName()).isEqualTo("Ann");
    assertThat(ann.getName().getFamilyName()).isNull();
    assertThat(ann.getPrimaryEmail()).isNull();
    assertThat(page.getKind()).isNull();
    assertError(
        () -> d.users().list().setCustomer("my_customer").setFields("users(nickname)").execute(),
        400,
        "Invalid field selection nickname",
        "invalidParameter");
    assertError(
        () -> d.users().get("1").setFields("id,name(middleName)").execute(),
        400,
        "Invalid field selection middleName",
        "invalidParameter");
  }

  @Test
  void pageSizesScopeAndPageTokensAreCheckedAsTheReferenceSays() throws IOException {
    assertError(
        () -> d.users().list().setCustomer("my_customer").setMaxResults(501).execute(),
        400,
        "Values must be within the range: [1, 500]",
        "invalid");
    assertError(
        () -> d.users().list().setCustomer("my_customer").setMaxResults(0).execute(),
        400,
        "Values must be within the range: [1, 500]",
        "invalid");
    assertError(
        () -> d.groups().list().setCustomer("my_customer").setMaxResults(201).execute(),
        400,
        "Values must be within the range: [1, 200]",
        "invalid");
    assertError(
        () -> d.members().list("g1").setMaxResults(201).execute(),
        400,
        "Values must be within the range: [1, 200]",
        "invalid");
    assertError(() -> d.users().list().execute(), 400, "Bad Request", "badRequest");
    assertError(
        () -> d.users().list().setCustomer("my_customer").setDomain("example.com").execute(),
        400,
        "Bad Request",
        "badRequest");
    assertError(
        () -> d.groups().list().setDomain("other.org").execute(),
        404,
        "Domain not found.",
        "notFound");
    Users first = d.users().list().setCustomer("my_customer").setMaxResults(1).execute();
    assertThat(first.getNextPageToken()).isNotNull();
    assertThat(
            d.users()
                .list()
                .setCustomer("my_customer")
                .setMaxResults(1)
                .setPageToken(first.getNextPageToken())
                .execute()
                .getUsers())
        .extracting(User::getId)
        .containsExactly("2");
    assertError(
        () ->
            d.users()
                .list()
                .setCustomer("my_customer")
                .setQuery("email:b*")
                .setPageToken(first.getNextPageToken())
                .execute(),
        400,
        "Invalid Input: pageToken",
        "invalid");
  }

  @Test
  void anObjectHiddenFromSearchIsReadByIdAndListedWithoutAQuery() throws IOException {
    f.emulator.hideFromSearch("1", "g1");
    assertThat(
            d.users().list().setCustomer("my_customer").setQuery("email:ann*").execute().getUsers())
        .isNull();
    assertThat(
            d.groups()
                .list()
                .setCustomer("my_customer")
                .setQuery("email:aws-*")
                .execute()
                .getGroups())
        .isNull();
    assertThat(d.users().get("1").execute().getPrimaryEmail()).isEqualTo("ann@example.com");
    assertThat(d.groups().get("g1").execute().getEmail()).isEqualTo("aws-admins@example.com");
    assertThat(d.users().list().setCustomer("my_customer").execute().getUsers()).hasSize(2);
    f.emulator.showInSearch("1");
    assertThat(
            d.users().list().setCustomer("my_customer").setQuery("email:ann*").execute().getUsers())
        .hasSize(1);
  }

  private static void assertError(ThrowingCallable call, int code, String message, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> {
              GoogleJsonError error = e.getDetails();
              assertThat(e.getStatusCode()).isEqualTo(code);
              assertThat(error.getCode()).isEqualTo(code);
              assertThat(error.getMessage()).contains(message);
              assertThat(error.getErrors()).hasSize(1);
              assertThat(error.getErrors().get(0).getReason()).isEqualTo(reason);
              assertThat(error.getErrors().get(0).getDomain()).isEqualTo("global");
              assertThat(error.getErrors().get(0).getMessage()).isEqualTo(error.getMessage());
            });
  }
}
