package io.github.ssosync.provider.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.Secret;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A small SCIM 2.0 client for IAM Identity Center over the JDK {@link HttpClient}: JSON in and out,
 * the bearer token, the SCIM limiter and retries, and SCIM errors as {@link ProviderException}s.
 * The token is sent and never logged or put in a message.
 */
public final class ScimClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer to a SCIM call: its status and body (null when empty). */
  public record Response(int status, @Nullable JsonNode body) {}

  private final HttpClient http;
  private final URI base;
  private final Secret token;
  private final ApiFamily family;
  private final Duration timeout;
  private final RunTag runTag;

  /**
   * @param http the HTTP client
   * @param base the SCIM base URL, ending with '/'
   * @param token the bearer token
   * @param family the SCIM API family: quota, retries, call counting
   * @param timeout each request's timeout
   * @param runTag the run whose writes these are, sent in the User-Agent for CloudTrail
   */
  public ScimClient(
      HttpClient http, URI base, Secret token, ApiFamily family, Duration timeout, RunTag runTag) {
    this.runTag = runTag;
    this.http = http;
    this.base = base;
    this.token = token;
    this.family = family;
    this.timeout = timeout;
  }

  /**
   * @param operation the counter name, such as {@code CreateUser}
   * @param what names the call and its object for messages
   * @param method HTTP method
   * @param path path below the base, such as {@code Users/abc}
   * @param body the JSON body, or null
   * @return the response of a successful call
   * @throws ProviderException when the call fails after retries
   */
  public Response call(
      String operation, String what, String method, String path, @Nullable JsonNode body) {
    return family.call(operation, what, () -> once(what, method, path, body));
  }

  private String userAgent() {
    String tag = runTag.token();
    return tag == null ? "ssosync-java" : "ssosync-java " + tag;
  }

  /**
   * @param attribute a SCIM attribute such as {@code userName}
   * @param value its value
   * @return {@code ?filter=attribute eq "value"}, encoded
   */
  public static String filter(String attribute, String value) {
    String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
    return "?filter="
        + URLEncoder.encode(attribute + " eq \"" + escaped + "\"", StandardCharsets.UTF_8);
  }

  private Response once(String what, String method, String path, @Nullable JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token.reveal())
            .header("Accept", "application/scim+json, application/json")
            // CloudTrail records the User-Agent of every SCIM call ("userAgent", SCIM logging
            // page): the run's tag there lets the change feed skip our own writes.
            .header("User-Agent", userAgent());
    if (body != null) {
      request.header("Content-Type", "application/scim+json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    // The request timeout covers only the wait for the headers; a body that stalls half-way would
    // hang the call forever, so the whole exchange gets the same bound.
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new ProviderException(
          Reason.UNAVAILABLE,
          what + ": no complete response within the read timeout of " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ProviderException(
          Reason.UNAVAILABLE,
          what
              + ": "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderException(Reason.UNAVAILABLE, what + ": interrupted");
    }
    int status = response.statusCode();
    JsonNode json = parse(response.body());
    if (status >= 200 && status < 300) {
      if (json == null && !response.body().isBlank()) {
        throw notScim(what, status, response);
      }
      return new Response(status, json);
    }
    if (json == null || !json.has("schemas") && !json.has("detail") && !json.has("status")) {
      throw status == 429 || status >= 500
          ? error(what, status, null, response)
          : notScim(what, status, response);
    }
    throw error(what, status, json, response);
  }

  private ProviderException error(
      String what, int status, @Nullable JsonNode json, HttpResponse<String> response) {
    String detail = json == null ? "" : json.path("detail").asText("");
    String scimType = json == null ? "" : json.path("scimType").asText("");
    String text =
        what
            + ": SCIM "
            + status
            + (scimType.isEmpty() ? "" : " " + scimType)
            + (detail.isEmpty() ? "" : ": " + detail);
    Reason reason =
        switch (status) {
          case 400 -> Reason.INVALID;
          case 401 -> Reason.UNAUTHENTICATED;
          case 403 -> Reason.PERMISSION_DENIED;
          case 404 -> Reason.NOT_FOUND;
          case 409 -> Reason.CONFLICT;
          case 429 -> Reason.THROTTLED;
          default -> status >= 500 ? Reason.UNAVAILABLE : Reason.UNKNOWN;
        };
    if (status == 401) {
      text =
          what
              + ": the SCIM endpoint refused the access token (401); make a new one in the IAM Identity Center console (tokens last a year)";
    }
    return new ProviderException(
        reason,
        text,
        RetryAfter.fromHeader(response.headers().firstValue("Retry-After").orElse(null)));
  }

  private ProviderException notScim(String what, int status, HttpResponse<String> response) {
    String type =
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("no content type")
            .toLowerCase(Locale.ROOT);
    return new ProviderException(
        Reason.INVALID,
        what
            + ": "
            + base
            + " does not answer like a SCIM endpoint (HTTP "
            + status
            + ", "
            + type
            + "); use the SCIM endpoint shown in the IAM Identity Center console, ending in /scim/v2/");
  }

  private static @Nullable JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
