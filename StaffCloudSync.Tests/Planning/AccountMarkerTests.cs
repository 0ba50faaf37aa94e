using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "An account belongs to one tenant, provably": the marker decision on what a run read from MobieTrain,
/// and rules 4 and 6 leaving every marker and its members alone.
/// </summary>
public class AccountMarkerTests
{
    private const string AcmeMarker = "staffcloud-sync-tenant-acme";

    private static AccountMarkerCheck Check(Plans plans) => AccountMarkerCheck.Of("acme", "acme-ch", plans.Snapshot().MobieTrain);

    [Test]
    public void Marker_OwnMarker_IsOurs_AndAllowsTheRun()
    {
        var check = Check(new Plans().Group("gm", "StaffCloud sync: acme", AcmeMarker).User("1"));
        Assert.That((check.State, check.AllowsRun), Is.EqualTo((AccountMarkerState.Ours, true)));
    }

    [Test]
    public void Marker_EmptyAccount_IsANewAccountWhoseRunCreatesIt()
    {
        var check = Check(new Plans().Group("gd", "Default Group").User(null).User("0012"));
        Assert.That((check.State, check.AllowsRun), Is.EqualTo((AccountMarkerState.MissingNewAccount, true)),
            "people without a canonical employee id are not synced persons, and a plain group is not sync-owned");
    }

    [Test]
    public void Marker_MissingWhereASyncedPersonIs_IsUnclaimed_AndFailsNamingTheClaimCommand()
    {
        var check = Check(new Plans().Invitation("7"));
        Assert.That(check.State, Is.EqualTo(AccountMarkerState.MissingUnclaimed));
        Assert.That(check.FailureMessage, Does.Contain("has not claimed").And.Contain("tenants claim acme").And.Contain("acme-ch"));
    }

    [Test]
    public void Marker_MissingWhereOnlyASyncOwnedGroupIs_IsUnclaimed()
    {
        Assert.That(Check(new Plans().Group("g10", "Fair (2026-03-05)", "staffcloud-event-10")).State, Is.EqualTo(AccountMarkerState.MissingUnclaimed));
    }

    [Test]
    public void Marker_AnotherTenants_FailsNamingBoth_EvenBesideOurOwn()
    {
        var check = Check(new Plans().Group("gm", "StaffCloud sync: acme", AcmeMarker).Group("gb", "StaffCloud sync: beta", "staffcloud-sync-tenant-beta"));
        Assert.That((check.State, check.AllowsRun), Is.EqualTo((AccountMarkerState.OtherTenant, false)));
        Assert.That(check.FailureMessage, Does.Contain("'beta'").And.Contain("'acme'"));
    }

    [Test]
    public void Marker_AUsersMembershipInIt_IsKeptByRule6WithoutPreserveManualGroups()
    {
        var plan = new Plans().Eligible(1, 10).EventGroup(10).Group("gm", "StaffCloud sync: acme", AcmeMarker).Group("gx", "Managers")
            .User("1", groups: ["g10", "gm", "gx"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EquivalentTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gm") }));
    }

    [Test]
    public void Marker_NamedAsABaseGroup_IsNoBaseGroup()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { BaseGroups = "StaffCloud sync: acme" } };
        var plan = plans.Eligible(1, 10).EventGroup(10).Group("gm", "StaffCloud sync: acme", AcmeMarker).User("1", groups: "g10").Plan();
        Assert.That(plan.Actions.SelectMany(a => a is UpdateUserAction u ? u.Patch.Groups ?? [] : []), Does.Not.Contain(GroupRef.Existing("gm")),
            "rule 6 never puts anyone into a marker");
        Assert.That(plan.All<RenameGroupAction>(), Is.Empty);
    }
}
