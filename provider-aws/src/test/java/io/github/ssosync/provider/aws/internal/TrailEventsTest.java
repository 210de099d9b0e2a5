package io.github.ssosync.provider.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.feed.FeedGapException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Event shapes the emulator does not produce: other stores, masked ids, unknown names. */
class TrailEventsTest {
  private final TrailEvents events = new TrailEvents(Set.of("run-1"), "d-1234567890");

  @Test
  void anotherIdentityStoresEventIsSkipped() {
    events.add(
        TrailEvents.IDENTITY_STORE,
        "DeleteUser",
        false,
        "{\"requestParameters\":{\"identityStoreId\":\"d-0000000000\",\"userId\":\"u1\"}}");
    assertThat(events.changes().isEmpty()).isTrue();
    events.add(
        TrailEvents.IDENTITY_STORE,
        "DeleteUser",
        false,
        "{\"requestParameters\":{\"identityStoreId\":\"d-1234567890\",\"userId\":\"u1\"}}");
    assertThat(events.changes().userIds()).containsExactly("u1");
  }

  @Test
  void aMaskedOrMissingIdIsAGapNeverAGuess() {
    assertThatThrownBy(
            () ->
                events.add(
                    TrailEvents.SCIM,
                    "PatchUser",
                    false,
                    "{\"requestParameters\":{\"id\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}}"))
        .isInstanceOf(FeedGapException.class)
        .hasMessageContaining("PatchUser");
    assertThatThrownBy(() -> events.add(TrailEvents.SCIM, "DeleteGroup", false, "{}"))
        .isInstanceOf(FeedGapException.class);
  }

  @Test
  void anUnknownWriteIsAGapButAnOwnOrFailedOneIsSkipped() {
    assertThatThrownBy(
            () ->
                events.add(
                    TrailEvents.IDENTITY_STORE, "MergeUsers", false, "{\"userAgent\":\"x\"}"))
        .isInstanceOf(FeedGapException.class)
        .hasMessageContaining("MergeUsers");
    events.add(
        TrailEvents.IDENTITY_STORE,
        "MergeUsers",
        false,
        "{\"userAgent\":\"aws-sdk-java/2 ssosync-run/run-1 ua/2.1\"}");
    events.add(TrailEvents.SCIM, "PatchGroup", false, "{\"errorCode\":\"ValidationException\"}");
    assertThat(events.changes().isEmpty()).isTrue();
  }

  @Test
  void aTagOfAnotherRunIsSomeoneElses() {
    events.add(
        TrailEvents.SCIM,
        "DeleteUser",
        false,
        "{\"userAgent\":\"ssosync-java ssosync-run/run-12\",\"requestParameters\":{\"id\":\"u9\"}}");
    assertThat(events.changes().userIds()).containsExactly("u9");
  }
}
