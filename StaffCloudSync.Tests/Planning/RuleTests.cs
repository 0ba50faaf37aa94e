using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rules 1 to 9.</summary>
public class RuleTests
{
    [TestCase(5, "status 5")]
    [TestCase(6, "status 6")]
    public void Rule1_DeactivatedEmployee_UserAndEveryInvitationRemoved(int status, string cause)
    {
        var plan = new Plans().Employee(5, status).User("5").Invitation("5", id: "i5a").Invitation("5", id: "i5b").Plan();
        Assert.That(plan.Single<RemoveUserAction>().UserId, Is.EqualTo("u5"));
        Assert.That(plan.All<RemoveInvitationAction>().Select(a => a.InvitationId), Is.EquivalentTo(new[] { "i5a", "i5b" }));
        Assert.That(plan.Single<RemoveUserAction>().Why, Does.Contain(cause));
        Assert.That(plan.Actions.Select(a => a.Rule).Distinct(), Is.EqualTo(new[] { SyncRule.DeactivatedRemoved }));
    }

    [Test]
    public void Rule1_HardDeletedEmployee_NotReturnedByStaffCloud_IsRemoved()
    {
        var plan = new Plans().User("8").HardDeleted(8).Plan();
        Assert.That(plan.Single<RemoveUserAction>().Why, Does.Contain("single read answered 404"));
    }

    [Test]
    public void Rule1_DeactivatedEmployeeWithConfirmedEvents_IsRemovedNotUpdated()
    {
        var plan = new Plans().Event(10).Employee(5, status: 5).Assignment(5, 10).User("5").Plan();
        Assert.That(plan.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "removeUser" }));
    }

    [Test]
    public void Rule1_DeactivatedEmployeesStaleInvitation_IsRemovedUnderRule1NotExpired()
    {
        var plan = new Plans().Employee(5, status: 5).Invitation("5", createdAt: Plans.Now.AddYears(-1)).Plan();
        Assert.That(plan.Single<RemoveInvitationAction>(), Is.Not.Null);
        Assert.That(plan.All<ExpireInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule2_StaleInvitation_IsRemoved_AndNotReinvitedInTheSameRun()
    {
        var createdAt = Plans.Now.AddMonths(-6);
        var plan = new Plans().Eligible(10).Invitation("10", createdAt: createdAt).Plan();
        Assert.That(plan.Single<ExpireInvitationAction>().CreatedAt, Is.EqualTo(createdAt));
        Assert.That(plan.All<InviteAction>(), Is.Empty);
        Assert.That(plan.All<UpdateInvitationAction>(), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Rule2_StaleInvitationOfAnEmployeeWithStatus0To3_IsExpiredToo(int status)
    {
        var plan = new Plans().Employee(10, status: status).Invitation("10", createdAt: Plans.Now.AddMonths(-7)).Plan();
        Assert.That(plan.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "expireInvitation" }), "rule 8 leaves them alone, but rule 2 names only rule 1 as its exception");
    }

    [Test]
    public void Rule2_InvitationWithoutCreatedAt_IsNeverStale()
    {
        var plan = new Plans().Employee(10, status: 2).InvitationWithoutCreatedAt("10").Eligible(11).InvitationWithoutCreatedAt("11").Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), Is.Empty);
    }

    // Run at 2026-03-01 02:00 UTC minus 6 months = 2025-09-01 02:00.
    [TestCase("2025-09-01T02:00:00Z", true)]
    [TestCase("2025-09-01T02:00:01Z", false)]
    [TestCase("2025-08-31T10:00:00Z", true)]
    public void Rule2_StaleIsCreatedAtOnOrBeforeRunMinusMaxAgeMonths(string createdAt, bool stale)
    {
        var plan = new Plans().Eligible(10).Invitation("10", createdAt: DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture), groups: "g10")
            .EventGroup(10).Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), stale ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [Test]
    public void Rule2_CalendarMonthsClampToTheMonthsLastDay()
    {
        // 2026-08-31 minus 6 months is 2026-02-28 (clamped), as DateTimeOffset.AddMonths computes it.
        var now = new DateTimeOffset(2026, 8, 31, 2, 0, 0, TimeSpan.Zero);
        var onBound = new Plans().Event(10, start: "2026-09-01 08:00:00", end: "2026-09-01 10:00:00").Employee(10).Assignment(10, 10)
            .Invitation("10", createdAt: new DateTimeOffset(2026, 2, 28, 2, 0, 0, TimeSpan.Zero)).Plan(now);
        var after = new Plans().Event(10, start: "2026-09-01 08:00:00", end: "2026-09-01 10:00:00").Employee(10).Assignment(10, 10)
            .Invitation("10", createdAt: new DateTimeOffset(2026, 2, 28, 2, 0, 1, TimeSpan.Zero)).Plan(now);
        Assert.That(onBound.All<ExpireInvitationAction>(), Has.Count.EqualTo(1));
        Assert.That(after.All<ExpireInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule2_MaxAgeIsTheTenantSetting()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { InvitationMaxAgeMonths = 1 } };
        var plan = plans.Eligible(10).Invitation("10", createdAt: Plans.Now.AddMonths(-1)).Plan();
        Assert.That(plan.All<ExpireInvitationAction>(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Rule3_NewEligibleEmployee_IsInvitedWithProfileAndEventGroups()
    {
        var plan = new Plans().Event(10).EventGroup(10)
            .Employee(1, first: " Ana ", last: "Lopez", email: "ana@example.com", mobile: "+41 79 123 45 67", language: "Deutsch")
            .Assignment(1, 10).Plan();
        var invitation = plan.Single<InviteAction>().Invitation;
        Assert.That(invitation, Is.EqualTo(new PlannedInvitation("1", "Ana", "Lopez", "ana@example.com", "+41791234567", "de", [GroupRef.Existing("g10")]))
            .Using<PlannedInvitation>((a, b) => a.ExternalId == b.ExternalId && a.FirstName == b.FirstName && a.LastName == b.LastName
                && a.Email == b.Email && a.Phone == b.Phone && a.Language == b.Language && a.Groups.SequenceEqual(b.Groups)));
        Assert.That(plan.Single<InviteAction>().Rule, Is.EqualTo(SyncRule.NewEligibleInvited));
    }

    [Test]
    public void Rule3_UnknownLanguage_TakesTheTenantDefault()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { DefaultLanguage = "fr" } };
        var plan = plans.Event(10).Employee(1, language: "Klingon").Assignment(1, 10).Plan();
        Assert.That(plan.Single<InviteAction>().Invitation.Language, Is.EqualTo("fr"));
    }

    [Test]
    public void Rule3_EmployeeWithAUserOrInvitation_IsNotInvitedAgain()
    {
        var plan = new Plans().Eligible(1).Eligible(2).EventGroup(10).User("1", groups: "g10").Invitation("2", groups: "g10").Plan();
        Assert.That(plan.All<InviteAction>(), Is.Empty);
    }

    [Test]
    public void Rule4_MissingEventGroup_IsCreatedOnceBeforeAnyWriteThatNeedsIt()
    {
        var plan = new Plans().Eligible(1, 10).Eligible(2, 10).Plan();
        var create = plan.Single<CreateGroupAction>();
        Assert.That(create, Is.EqualTo(new CreateGroupAction(10, "staffcloud-event-10", "Fair (2026-03-05)")));
        Assert.That(plan.Actions[0], Is.SameAs(create));
        Assert.That(plan.All<InviteAction>().Select(i => i.Invitation.Groups.Single()), Is.All.EqualTo(GroupRef.Pending(10)));
    }

    [Test]
    public void Rule4_GroupsNobodyNeeds_AreNotCreated()
    {
        // Employee 1 is confirmed but skipped (no contact): the group would serve nobody.
        var plan = new Plans().Event(10).Employee(1, email: null).Assignment(1, 10).Plan();
        Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
    }

    [Test]
    public void Rule4_CurrentEventRenamedOrMoved_ItsGroupIsRenamed()
    {
        var plan = new Plans().Event(10, "Spring Fair", "2026-03-06 08:00:00", "2026-03-06 18:00:00")
            .Group("g10", "Fair (2026-03-05)", "staffcloud-event-10").Employee(1).Assignment(1, 10).User("1", groups: "g10").Plan();
        Assert.That(plan.Single<RenameGroupAction>(), Is.EqualTo(new RenameGroupAction(10, "g10", "Spring Fair (2026-03-06)")));
    }

    [Test]
    public void Rule4_FinishedEventsGroup_IsLeftAsItIs()
    {
        var plan = new Plans().Event(10, "Renamed", "2026-02-01 08:00:00", "2026-02-01 18:00:00")
            .Group("g10", "Old name", "staffcloud-event-10").Employee(1).Assignment(1, 10).User("1").Plan();
        Assert.That(plan.All<RenameGroupAction>(), Is.Empty);
    }

    [Test]
    public void Rule4_TemplateIsTheTenantSetting()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupNameTemplate = "#{id} {name} {start:dd.MM.}" } };
        var plan = plans.Eligible(1, 10).Plan();
        Assert.That(plan.Single<CreateGroupAction>().Name, Is.EqualTo("#10 Fair 05.03."));
    }

    [Test]
    public void Rule4_TwoEventsWithOneName_GetDistinctGroupNames()
    {
        var plan = new Plans().Event(10, "Fair").Event(11, "Fair").Employee(1).Assignment(1, 10).Assignment(1, 11).Plan();
        Assert.That(plan.All<CreateGroupAction>().Select(c => c.Name), Is.EqualTo(new[] { "Fair (2026-03-05)", "Fair (2026-03-05) [11]" }));
    }

    [Test]
    public void Rule4_AFinishedEventsGroupIsLeftAsItIs_ACurrentOnesIsRenamedInPlace()
    {
        // Event 9 is over and its group carries a name the template would no longer give it; event 10 was renamed.
        var plan = new Plans().Event(9, "Past", start: "2026-02-01 08:00:00", end: "2026-02-01 18:00:00").Group("g9", "Old name", "staffcloud-event-9")
            .Event(10, "New name").Group("g10", "Fair (2026-03-05)", "staffcloud-event-10")
            .Employee(1).Assignment(1, 9).Assignment(1, 10).User("1", groups: ["g9", "g10"]).Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.All<RenameGroupAction>().Select(r => (r.GroupId, r.NewName)), Is.EqualTo(new[] { ("g10", "New name (2026-03-05)") }));
            Assert.That(plan.All<CreateGroupAction>(), Is.Empty, "a renamed event keeps its group");
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups!.Select(g => g.GroupId), Is.EqualTo(new[] { "g10" }), "the user leaves the finished event's group; the group stays");
        }
    }

    [TestCase("firstName")]
    [TestCase("lastName")]
    [TestCase("email")]
    [TestCase("phone")]
    [TestCase("language")]
    public void Rule5_ExistingUsersProfile_IsOverwrittenWithStaffCloudsValue(string field)
    {
        var plans = new Plans().Employee(1, first: "Ana", last: "Lopez", email: "ana@example.com", mobile: "+41791234567", language: "de");
        var plan = field switch
        {
            "firstName" => plans.User("1", first: "Anna", email: "ana@example.com", phone: "+41791234567", language: "de").Plan(),
            "lastName" => plans.User("1", last: "Lopes", email: "ana@example.com", phone: "+41791234567", language: "de").Plan(),
            "email" => plans.User("1", email: "old@example.com", phone: "+41791234567", language: "de").Plan(),
            "phone" => plans.User("1", email: "ana@example.com", phone: "+41790000000", language: "de").Plan(),
            _ => plans.User("1", email: "ana@example.com", phone: "+41791234567", language: "fr").Plan(),
        };
        var update = plan.Single<UpdateUserAction>();
        Assert.That(update.Patch.ChangedFields, Is.EqualTo(new[] { field }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.ExistingUserUpdated));
    }

    [Test]
    public void Rule5_AllChangedFieldsGoInOnePatch()
    {
        var plan = new Plans().Employee(1, first: "Ana", last: "Lopez", email: "ana@example.com", mobile: "+41791234567", language: "de")
            .User("1", first: "A", last: "L", email: "x@example.com", phone: null, language: "en").Plan();
        var patch = plan.Single<UpdateUserAction>().Patch;
        Assert.That(patch, Is.EqualTo(patch with { FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Phone = "+41791234567", Language = "de" }));
        Assert.That(patch.ChangedFields, Is.EqualTo(new[] { "firstName", "lastName", "email", "phone", "language" }));
    }

    [Test]
    public void Rule5_EqualValues_MakeNoWrite_EmailCaseAndPhoneFormatIgnored()
    {
        var plan = new Plans().Employee(1, email: "Ana@Example.com", mobile: "0041 79 123 45 67")
            .User("1", email: "ana@example.com", phone: "+41 79 123 45 67").Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule5_ActiveButNotEligibleUser_IsUpdatedToo()
    {
        var plan = new Plans().Employee(1, last: "New").User("1", last: "Old").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.LastName, Is.EqualTo("New"));
    }

    [TestCase("bad-email", null, "xx")]
    [TestCase(null, "bad phone", null)]
    public void Rule5_AbsentOrInvalidValue_NeverClearsMobieTrains(string? email, string? mobile, string? language)
    {
        var plan = new Plans().Employee(1, email: email, mobile: mobile, language: language)
            .User("1", email: "kept@example.com", phone: "+41791234567", language: "fr").Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [TestCase(null, "Lopez")]
    [TestCase("Ana", "  ")]
    public void Rule5_EmptyName_UserIsSkippedInvalidProfile(string? first, string? last)
    {
        var plan = new Plans().Employee(1, first: first, last: last).User("1", first: "Old", groups: "g-x").Plan();
        Assert.That(plan.Actions, Has.Count.EqualTo(1));
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.InvalidProfile));
    }

    [Test]
    public void Rule5_EmailOfAnotherRecord_IsNotCopiedOntoAUser()
    {
        var plan = new Plans().Employee(1, email: "taken@example.com", last: "New")
            .User("1", email: "mine@example.com", last: "Old").User("2", email: "taken@example.com").Employee(2, email: "taken@example.com").Plan();
        var patch = plan.Single<UpdateUserAction>().Patch;
        Assert.That(patch.ChangedFields, Is.EqualTo(new[] { "lastName" }));
    }

    [Test]
    public void Rule6_FinishedEventsGroupRemoved_NewEventsGroupAdded()
    {
        var plan = new Plans().Event(20, "Old Expo", "2026-02-01 09:00:00", "2026-02-01 17:00:00").Event(21, "New Expo", "2026-03-20 09:00:00", "2026-03-20 17:00:00")
            .EventGroup(20).EventGroup(21).Employee(8).Assignment(8, 20).Assignment(8, 21).User("8", groups: "g20").Plan();
        var update = plan.Single<UpdateUserAction>();
        Assert.That(update.Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
        Assert.That(update.Patch.ChangedFields, Is.EqualTo(new[] { "groups" }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.GroupsFollowEvents));
    }

    [Test]
    public void Rule6_ByDefault_NonEventGroupsAreRemovedToo()
    {
        var plan = new Plans().Eligible(8, 21).EventGroup(21).Group("g-man", "Managers").User("8", groups: ["g21", "g-man"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
    }

    [Test]
    public void Rule6_PreserveManualGroups_OnlyEventGroupsAreAddedOrRemoved()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = true } };
        var plan = plans.Event(20, "Old", "2026-02-01 09:00:00", "2026-02-01 17:00:00").Eligible(8, 21).EventGroup(20).EventGroup(21)
            .Group("g-man", "Managers").User("8", groups: ["g20", "g-man"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EquivalentTo(new[] { GroupRef.Existing("g21"), GroupRef.Existing("g-man") }));
    }

    [Test]
    public void Rule6_PreserveManualGroups_NothingToChange_NoWrite()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = true } };
        var plan = plans.Eligible(8, 21).EventGroup(21).Group("g-man", "Managers").User("8", groups: ["g-man", "g21"]).Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Rule6_UnknownGroupIds_AreDropped(bool preserve)
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = preserve } };
        var plan = plans.Eligible(8, 21).EventGroup(21).User("8", groups: ["g21", "g-gone"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
    }

    [Test]
    public void Rule6_UserWithNoCurrentEvent_EndsWithNoGroups()
    {
        var plan = new Plans().Event(20, "Old", "2026-02-01 09:00:00", "2026-02-01 17:00:00").EventGroup(20)
            .Employee(9).Assignment(9, 20).User("9", groups: "g20").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.Empty);
    }

    [Test]
    public void Rule6_GroupOrderAndDuplicatesDoNotCount()
    {
        var plan = new Plans().Event(10).Event(11).EventGroup(10).EventGroup(11, name: "Fair (2026-03-05) [11]").Employee(1)
            .Assignment(1, 10).Assignment(1, 11).Assignment(1, 11).User("1", groups: ["g11", "g10", "g10"]).Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule7_PendingInvitation_GetsProfileAndGroupUpdates()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, last: "New").Assignment(3, 10).Invitation("3", last: "Old", groups: "g-x").Plan();
        var update = plan.Single<UpdateInvitationAction>();
        Assert.That(update.Patch.LastName, Is.EqualTo("New"));
        Assert.That(update.Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.PendingInvitationFollows));
    }

    [Test]
    public void Rule7_InvitationOfActiveNonEligible_StaysWithEmptyGroups()
    {
        var plan = new Plans().Employee(3).Group("g9", "Old", "staffcloud-event-9").Invitation("3", groups: "g9").Plan();
        Assert.That(plan.Single<UpdateInvitationAction>().Patch.Groups, Is.Empty);
        Assert.That(plan.All<RemoveInvitationAction>(), Is.Empty);
    }

    [TestCase("new@example.com", null, "email")]
    [TestCase("e3@example.com", "+41790000000", "phone")]
    [TestCase("new@example.com", "+41790000000", "email,phone")]
    public void Rule7_EmailOrPhoneChanged_InvitationIsReplaced(string email, string? mobile, string changed)
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, email: email, mobile: mobile).Assignment(3, 10)
            .Invitation("3", email: "e3@example.com", phone: "+41791111111", groups: "g10").Plan();
        var replace = plan.Single<ReplaceInvitationAction>();
        Assert.That(replace.ChangedFields, Is.EqualTo(changed.Split(',')));
        Assert.That(replace.Invitation.Email, Is.EqualTo(email));
        Assert.That(replace.Invitation.Phone, Is.EqualTo(mobile ?? "+41791111111"));
        Assert.That(replace.Invitation.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
        Assert.That(plan.All<UpdateInvitationAction>(), Is.Empty);
    }

    [Test]
    public void Rule7_ReplacementToAnAddressUsedByAnother_IsSkippedDuplicateEmail()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(3, email: "taken@example.com").Assignment(3, 10)
            .Invitation("3", groups: "g10").User(null, email: "taken@example.com").Plan();
        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.DuplicateEmail));
        Assert.That(plan.All<ReplaceInvitationAction>(), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Rule8_Status0To3_UsersAndInvitationsLeftAsTheyAre(int status)
    {
        var plan = new Plans().Event(10).Employee(4, status, last: "New").Assignment(4, 10).User("4", last: "Old", groups: "g-x")
            .Invitation("4", last: "Old").Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void Rule8_ActiveWithoutCurrentEventAndNotInMobieTrain_IsLeftAloneAndNotSkipped()
    {
        var plan = new Plans().Employee(1, email: null).Plan();
        Assert.That(plan.Actions, Is.Empty);
        Assert.That(plan.PlannedCounts().Skipped, Is.Zero);
    }

    [Test]
    public void Rule9_ProtectedAccounts_NeverChangedWhateverStaffCloudSays()
    {
        var plan = new Plans().Eligible(1, 10).User(null, email: "admin@example.com", groups: "g-x")
            .User("emp-1", email: "other@example.com").Invitation("x", createdAt: Plans.Now.AddYears(-3)).Plan();
        Assert.That(plan.Actions.Where(a => a.MobieTrainId is not null), Is.Empty, PlanAssertions.Describe(plan));
    }
}
