using StaffCloudSync.Cli;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Tests.Cli;

/// <summary>How a run-level failure becomes an exit code: by its kind, never by its message.</summary>
public class CliErrorsTests
{
    [TestCase(SyncFailureKind.UnknownTenant, ExitCodes.NotFound)]
    [TestCase(SyncFailureKind.Configuration, ExitCodes.Configuration)]
    [TestCase(SyncFailureKind.Authentication, ExitCodes.Configuration)]
    [TestCase(SyncFailureKind.Unavailable, ExitCodes.Configuration)]
    public void SyncRunException_ExitCodeFollowsTheKind(SyncFailureKind kind, int expected)
    {
        var (code, lines) = CliErrors.Classify(new SyncRunException("acme", kind, "tenant 'acme': why"), "sync", CancellationToken.None);

        Assert.That(code, Is.EqualTo(expected));
        Assert.That(lines, Is.EqualTo(new[] { $"{kind}: tenant 'acme': why" }));
    }
}
