package io.github.ssosync.cli.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A Lambda context for the function "ssosync" whose logger hands each message to a consumer. */
final class FakeContext implements Context {
  private final LambdaLogger logger;

  FakeContext(Consumer<String> log) {
    this.logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            log.accept(message);
          }

          @Override
          public void log(byte[] message) {
            log.accept(new String(message, StandardCharsets.UTF_8));
          }
        };
  }

  @Override
  public String getAwsRequestId() {
    return "test";
  }

  @Override
  public String getLogGroupName() {
    return "test";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "ssosync";
  }

  @Override
  public String getFunctionVersion() {
    return "1";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:::function:ssosync";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 900_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
