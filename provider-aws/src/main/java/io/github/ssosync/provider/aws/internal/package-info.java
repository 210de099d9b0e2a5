/** Implementation detail of the AWS provider; outside the compatibility promise. */
@NullMarked
package io.github.ssosync.provider.aws.internal;

import org.jspecify.annotations.NullMarked;
