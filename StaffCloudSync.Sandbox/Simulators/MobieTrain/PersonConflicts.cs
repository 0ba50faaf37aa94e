namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>The contract's conflict rule for people: who is in the way of a new invitation or an e-mail change.</summary>
internal static class PersonConflicts
{
    /// <summary>
    /// 409 when a user or pending invitation has this externalId or this e-mail (case-insensitive). A record with the same
    /// externalId is named first: it is the one a client can recognise as its own earlier create.
    /// </summary>
    public static SimulatorResponse? Find(MobieTrainAccountState account, string? externalId, string? email)
    {
        if (externalId is not null)
        {
            if (account.Users.FirstBy(MobieTrainAccountState.ByExternalId, externalId) is { } user)
            {
                return SimulatorResponse.Conflict($"A user with this externalId exists already: {user.Id}.", user, "user");
            }

            if (account.Invitations.FirstBy(MobieTrainAccountState.ByExternalId, externalId) is { } invitation)
            {
                return SimulatorResponse.Conflict($"A pending invitation with this externalId exists already: {invitation.Id}.", invitation, "invitation");
            }
        }

        if (email is not null)
        {
            if (account.Users.FirstBy(MobieTrainAccountState.ByEmailOrName, email.ToLowerInvariant()) is { } user)
            {
                return SimulatorResponse.Conflict($"A user with this email exists already: {user.Id}.", user, "user");
            }

            if (account.Invitations.FirstBy(MobieTrainAccountState.ByEmailOrName, email.ToLowerInvariant()) is { } invitation)
            {
                return SimulatorResponse.Conflict($"A pending invitation with this email exists already: {invitation.Id}.", invitation, "invitation");
            }
        }

        return null;
    }
}
