/**
 * An {@link io.github.ssosync.targets.IdentityTarget} over AWS IAM Identity Center: {@link
 * io.github.ssosync.provider.aws.IdentityCenterTarget}.
 */
@NullMarked
package io.github.ssosync.provider.aws;

import org.jspecify.annotations.NullMarked;
