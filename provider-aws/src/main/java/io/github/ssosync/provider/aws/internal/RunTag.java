package io.github.ssosync.provider.aws.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The run a target's writes belong to, carried in every request's User-Agent as {@code
 * ssosync-run/<id>}, where CloudTrail records it ({@code userAgent}), so that the change feed can
 * tell our writes from others'. Set once per run; read by every request after.
 */
public final class RunTag {
  /** What the feed looks for in a user agent. */
  public static final String PRODUCT = "ssosync-run";

  /** A run id: letters, digits and {@code -}, at most 36 characters (the SPI's contract). */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

  private volatile @Nullable String id;

  /** An untagged run. */
  public RunTag() {}

  /**
   * @param runId the run's id
   * @throws IllegalArgumentException if the id is not one {@link #ID} accepts
   */
  public void set(String runId) {
    if (runId == null || !ID.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "runId \"" + runId + "\": letters, digits and '-' only, at most 36 characters");
    }
    this.id = runId;
  }

  /** The product token to append to a user agent, or null before any run is tagged. */
  public @Nullable String token() {
    String current = id;
    return current == null ? null : PRODUCT + "/" + current;
  }

  /**
   * An SDK interceptor that adds the tag to each request as an {@link ApiName}, which the SDK
   * appends to the User-Agent header it builds (a header set by an interceptor would be replaced by
   * the SDK's own).
   */
  public ExecutionInterceptor interceptor() {
    return new ExecutionInterceptor() {
      @Override
      public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attrs) {
        String current = id;
        if (current == null || !(context.request() instanceof AwsRequest request)) {
          return context.request();
        }
        AwsRequestOverrideConfiguration override =
            request
                .overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .addApiName(ApiName.builder().name(PRODUCT).version(current).build())
                .build();
        return request.toBuilder().overrideConfiguration(override).build();
      }
    };
  }
}
