package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/** The emulator's LookupEvents answers the real CloudTrail SDK client as the API reference says. */
class CloudTrailEmulatorRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AwsFixture aws = new AwsFixture();
  private final HandEdits hand = new HandEdits(aws.emulator);
  private final CloudTrailClient trail =
      CloudTrailClient.builder()
          .endpointOverride(aws.emulator.cloudTrailEndpoint())
          .region(Region.of(aws.emulator.region()))
          .credentialsProvider(AwsFixture.CREDENTIALS)
          .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
          .build();

  @AfterEach
  void close() {
    trail.close();
    hand.close();
    aws.close();
  }

  /** The emulator admits two calls in any one second, as LookupEvents does: stay under it. */
  private static void pause() throws InterruptedException {
    Thread.sleep(1100);
  }

  private static String code(Throwable t) {
    return ((AwsServiceException) t).awsErrorDetails().errorCode();
  }

  @Test
  void refusesWhatTheApiReferenceRefuses() throws Exception {
    assertThatThrownBy(
            () ->
                trail.lookupEvents(
                    r ->
                        r.lookupAttributes(
                            a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("x"),
                            a ->
                                a.attributeKey(LookupAttributeKey.READ_ONLY)
                                    .attributeValue("false"))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidLookupAttributesException"));
    assertThatThrownBy(() -> trail.lookupEvents(r -> r.maxResults(51)))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidMaxResultsException"));
    pause();
    assertThatThrownBy(
            () ->
                trail.lookupEvents(
                    r -> r.startTime(Instant.now()).endTime(Instant.now().minusSeconds(60))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidTimeRangeException"));
  }

  @Test
  void pagesNewestFirstWithATokenBoundToItsParameters() throws Exception {
    for (int i = 0; i < 3; i++) {
      hand.createUser("paged-" + i);
      Thread.sleep(1100); // event times are whole seconds
    }
    LookupEventsResponse first =
        trail.lookupEvents(
            r ->
                r.lookupAttributes(
                        a ->
                            a.attributeKey(LookupAttributeKey.EVENT_NAME)
                                .attributeValue("CreateUser"))
                    .maxResults(2));
    assertThat(first.events()).hasSize(2);
    assertThat(first.events().get(0).eventTime()).isAfter(first.events().get(1).eventTime());
    assertThat(first.nextToken()).isNotNull();
    LookupEventsResponse second =
        trail.lookupEvents(
            r ->
                r.lookupAttributes(
                        a ->
                            a.attributeKey(LookupAttributeKey.EVENT_NAME)
                                .attributeValue("CreateUser"))
                    .maxResults(2)
                    .nextToken(first.nextToken()));
    assertThat(second.events()).hasSize(1);
    assertThat(second.nextToken()).isNull();
    pause();
    assertThatThrownBy(
            () ->
                trail.lookupEvents(
                    r ->
                        r.lookupAttributes(
                                a ->
                                    a.attributeKey(LookupAttributeKey.EVENT_NAME)
                                        .attributeValue("DeleteUser"))
                            .nextToken(first.nextToken())))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidNextTokenException"));
  }

  @Test
  void recordsWritesWithPersonalDataMaskedAndIdsInClear() throws Exception {
    String id = hand.createUser("masked-person");
    List<Event> events =
        trail
            .lookupEvents(
                r ->
                    r.lookupAttributes(
                        a ->
                            a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                                .attributeValue("identitystore.amazonaws.com")))
            .events();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.eventName()).isEqualTo("CreateUser");
    assertThat(e.readOnly()).isEqualTo("false");
    assertThat(e.accessKeyId()).isEqualTo("AKIDEMULATOR");
    JsonNode doc = JSON.readTree(e.cloudTrailEvent());
    assertThat(doc.path("userAgent").asText()).contains("hand-tool");
    assertThat(doc.path("requestParameters").path("userName").asText())
        .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    assertThat(e.cloudTrailEvent()).doesNotContain("masked-person");
    assertThat(doc.path("responseElements").path("userId").asText()).isEqualTo(id);
    String scimId = hand.scimCreateUser("scim-person");
    JsonNode scim =
        JSON.readTree(
            trail
                .lookupEvents(
                    r ->
                        r.lookupAttributes(
                            a ->
                                a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                                    .attributeValue("identitystore-scim.amazonaws.com")))
                .events()
                .get(0)
                .cloudTrailEvent());
    assertThat(scim.path("responseElements").path("id").asText()).isEqualTo(scimId);
    assertThat(scim.path("requestParameters").path("tenantId").asText()).isNotEmpty();
    assertThat(scim.toString()).doesNotContain("scim-person");
  }

  @Test
  void keepsNinetyDaysSilently() {
    CloudTrailChangeFeedTest.MutableClock clock =
        new CloudTrailChangeFeedTest.MutableClock(Instant.now().minus(Duration.ofDays(100)));
    aws.emulator.clock(clock);
    hand.createUser("ancient");
    clock.advance(Duration.ofDays(100));
    aws.emulator.clock(java.time.Clock.systemUTC());
    assertThat(
            trail
                .lookupEvents(r -> r.startTime(Instant.now().minus(Duration.ofDays(120))))
                .events())
        .isEmpty();
  }
}
