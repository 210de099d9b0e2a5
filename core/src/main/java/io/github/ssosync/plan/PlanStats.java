package io.github.ssosync.plan;

/**
 * Sizes of the two sides, as the planner saw them.
 *
 * @param desiredUsers users the directory and policy select
 * @param desiredGroups groups the directory and policy select
 * @param desiredMemberships memberships between them, after flattening
 * @param targetUsers users in the target
 * @param targetGroups groups in the target
 * @param ownedUsers target users the engine owns
 * @param ownedGroups target groups the engine owns
 * @param unownedUsers target users left alone because the engine does not own them
 * @param unownedGroups target groups left alone because the engine does not own them
 */
public record PlanStats(
    int desiredUsers,
    int desiredGroups,
    int desiredMemberships,
    int targetUsers,
    int targetGroups,
    int ownedUsers,
    int ownedGroups,
    int unownedUsers,
    int unownedGroups) {}
