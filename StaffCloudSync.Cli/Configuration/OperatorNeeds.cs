namespace StaffCloudSync.Cli.Configuration;

/// <summary>
/// Which settings a command checks before it starts. <c>AddStaffCloudSync</c> validates every client on start, but a
/// command that only reads tables must not demand a MobieTrain URL it never calls.
/// </summary>
internal enum OperatorNeeds
{
    /// <summary>The app's storage account only (<c>AzureWebJobsStorage</c>, <c>Storage__*</c>): tenants, runs.</summary>
    Storage,

    /// <summary>Everything the Functions app validates at start-up: sync, explain.</summary>
    Everything,
}
