package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.provider.google.internal.ReportsApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's activities.list answers as the Reports API reference says, to the real stack. */
class ReportsEmulatorTest {
  static final DirectoryUser ALICE = DirectoryUser.of("u1", "alice@example.com", "Alice", "A");
  static final DirectoryGroup ENG = DirectoryGroup.of("g1", "eng@example.com", "Eng");

  @TempDir Path dir;
  GoogleFixture f;
  SteppingClock clock = new SteppingClock(Instant.parse("2026-06-01T10:00:00Z"));
  Instant t0;

  @BeforeEach
  void start() {
    f = new GoogleFixture(DirectoryContent.builder().group(ENG).build(), dir);
    f.emulator.clock(clock);
    t0 = clock.advance(Duration.ofMinutes(1));
    f.emulator.setContent(DirectoryContent.builder().user(ALICE).group(ENG).build());
    clock.advance(Duration.ofMinutes(1));
    f.emulator.setContent(
        DirectoryContent.builder()
            .user(ALICE.withSuspended(true))
            .group(ENG, DirectoryMember.user(ALICE))
            .build());
    clock.advance(Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  HttpRequestFactory requests(List<String> scopes) throws IOException {
    try (var in = Files.newInputStream(f.keyFile)) {
      var credentials =
          ServiceAccountCredentials.fromStream(in)
              .createScoped(scopes)
              .createDelegated(GoogleFixture.ADMIN);
      return new NetHttpTransport().createRequestFactory(new HttpCredentialsAdapter(credentials));
    }
  }

  ReportsApi api() throws IOException {
    return new ReportsApi(requests(GoogleReportsChangeFeed.SCOPES), f.emulator.rootUrl());
  }

  static List<String> names(ReportsApi.Page page) {
    return page.items == null
        ? List.of()
        : page.items.stream().map(i -> i.events.get(0).name).toList();
  }

  @Test
  void newestFirstWithGooglesEventNamesAndParameters() throws IOException {
    ReportsApi.Page page =
        api().list("admin", t0.toString(), clock.instant().toString(), 1000, null, null);
    assertThat(names(page)).containsExactly("ADD_GROUP_MEMBER", "SUSPEND_USER", "CREATE_USER");
    ReportsApi.Event add = page.items.get(0).events.get(0);
    assertThat(add.type).isEqualTo("GROUP_SETTINGS");
    assertThat(add.parameters)
        .extracting(p -> p.name + "=" + p.value)
        .containsExactly("GROUP_EMAIL=eng@example.com", "USER_EMAIL=alice@example.com");
    assertThat(page.items.get(0).id.applicationName).isEqualTo("admin");
    ReportsApi.Page enterprise =
        api().list("groups_enterprise", t0.toString(), clock.instant().toString(), 10, null, null);
    assertThat(names(enterprise)).containsExactly("add_member");
  }

  @Test
  void pagesWithATokenAndHonoursEndTimeAndRetention() throws IOException {
    ReportsApi api = api();
    ReportsApi.Page first =
        api.list("admin", t0.toString(), clock.instant().toString(), 2, null, null);
    assertThat(names(first)).containsExactly("ADD_GROUP_MEMBER", "SUSPEND_USER");
    ReportsApi.Page second =
        api.list("admin", t0.toString(), clock.instant().toString(), 2, first.nextPageToken, null);
    assertThat(names(second)).containsExactly("CREATE_USER");
    assertThat(second.nextPageToken).isNull();
    // endTime ends the window: the suspension one minute later is left out.
    assertThat(
            names(api.list("admin", t0.toString(), t0.plusSeconds(60).toString(), 10, null, null)))
        .containsExactly("CREATE_USER");
    // After 180 days the events are gone, whatever startTime asks for.
    clock.advance(Duration.ofDays(181));
    assertThat(
            names(
                api.list(
                    "admin",
                    t0.minus(Duration.ofDays(1)).toString(),
                    clock.instant().toString(),
                    10,
                    null,
                    null)))
        .isEmpty();
  }

  @Test
  void refusesBadTimesAndPageSizes() throws IOException {
    ReportsApi api = api();
    String now = clock.instant().toString();
    assertThatThrownBy(() -> api.list("admin", "yesterday", now, 10, null, null))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                api.list("admin", clock.instant().plusSeconds(60).toString(), null, 10, null, null))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> api.list("admin", now, t0.toString(), 10, null, null))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> api.list("admin", t0.toString(), now, 1001, null, null))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> api.list("admin", t0.toString(), now, 10, "bogus", null))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }

  @Test
  void lateEventsAreInvisibleUntilTheirLagHasPassed() throws IOException {
    f.emulator.activityLag(Duration.ofMinutes(2));
    Instant at = clock.instant();
    f.emulator.setContent(DirectoryContent.builder().user(ALICE).group(ENG).build());
    ReportsApi api = api();
    clock.advance(Duration.ofMinutes(1));
    assertThat(names(api.list("admin", at.toString(), clock.instant().toString(), 10, null, null)))
        .isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(names(api.list("admin", at.toString(), clock.instant().toString(), 10, null, null)))
        .containsExactlyInAnyOrder("UNSUSPEND_USER", "REMOVE_GROUP_MEMBER");
  }

  @Test
  void needsTheAuditScope() throws IOException {
    HttpRequestFactory directoryOnly = requests(GoogleDirectorySource.SCOPES);
    HttpResponse response =
        directoryOnly
            .buildGetRequest(
                new GenericUrl(
                    f.emulator.rootUrl()
                        + "admin/reports/v1/activity/users/all/applications/admin"))
            .setThrowExceptionOnExecuteError(false)
            .execute();
    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.parseAsString()).contains("insufficientPermissions");
  }
}
