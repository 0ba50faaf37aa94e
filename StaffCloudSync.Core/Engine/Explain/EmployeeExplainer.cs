using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Explain;

/// <summary>One employee's decisions from a preview: the planner's own index for the facts and the plan itself for "what the sync
/// will do", so the explanation cannot drift from the behaviour.</summary>
public static class EmployeeExplainer
{
    public static EmployeeExplanation Explain(TenantPreview preview, long employeeId, StaffCloudEmployee? fetchedEmployee = null)
    {
        var index = new PlanningIndex(preview.Snapshot, preview.Settings, preview.Now);
        var employee = index.Employees.GetValueOrDefault(employeeId) ?? fetchedEmployee;
        var records = index.UsersOf(employeeId).Select(u => new MobieTrainRecordFacts("user", u.Id, u.RegisteredAt, u.UserGroupIds))
            .Concat(index.InvitationsOf(employeeId).Select(i => new MobieTrainRecordFacts("invitation", i.Id, i.CreatedAt, i.UserGroupIds))).ToList();
        var events = ConfirmedEvents(preview.Snapshot, index, employeeId);
        var actions = preview.Plan.Actions.Where(a => a.PersonId == employeeId).Select(PlannedActionView.Of).ToList();
        var facts = employee is null ? null : Facts(employee, events, preview.Settings.DefaultCallingCode);
        var decisions = Decisions(preview, employeeId, employee, facts, records, actions);
        return new EmployeeExplanation(preview.TenantId, employeeId, preview.Now, Summary(employee, facts, records, actions),
            facts, records, decisions, actions) { AccountId = preview.Marker.AccountId, Marker = preview.Marker.StateText };
    }

    public static string RuleName(SyncRule rule) => rule switch
    {
        SyncRule.DeletionGuard => "safety: deletion guard",
        _ => $"rule {(int)rule}: {rule}",
    };

    private static StaffCloudFacts Facts(StaffCloudEmployee employee, List<EventFacts> events, string? defaultCallingCode)
    {
        var profile = MappedProfile.From(employee, defaultCallingCode);
        var phone = profile.Phone is not null ? "valid"
            : string.IsNullOrWhiteSpace(employee.Mobile) && string.IsNullOrWhiteSpace(employee.Phone) ? "absent" : "invalid";
        return new StaffCloudFacts(employee.Status, StatusMeaning(employee.Status), profile.FirstName is not null, profile.LastName is not null,
            Validity(employee.Email, profile.Email), phone, profile.Language, events);
    }

    private static List<EventFacts> ConfirmedEvents(TenantSnapshot snapshot, PlanningIndex index, long employeeId)
    {
        var eventsById = snapshot.StaffCloud.Events.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        return snapshot.StaffCloud.Assignments
            .Where(a => a.EmployeeId == employeeId && Definitions.IsConfirmed(a)).Select(a => a.EventId).Distinct().Order()
            .Select(id =>
            {
                eventsById.TryGetValue(id, out var staffCloudEvent);
                // The event's group in the tenant's mode: its own, or its project's (none for an event without a project).
                GroupSource? source = index.Groups.Mode != GroupMode.Project ? GroupSource.Event(id)
                    : staffCloudEvent?.ProjectId is { } projectId ? GroupSource.Project(projectId) : null;
                var group = source is { } s ? index.Groups.Existing(s) : null;
                var name = group?.Name ?? (source is { } expected ? index.Groups.ExpectedNames.GetValueOrDefault(expected) : null);
                return new EventFacts(id, staffCloudEvent?.Name, staffCloudEvent?.Status, staffCloudEvent?.Start, staffCloudEvent?.End,
                    index.CurrentEvents.ContainsKey(id), name, group?.Id) { ProjectId = staffCloudEvent?.ProjectId };
            })
            .ToList();
    }

    private static string GroupsDecision(PlanSettings settings)
    {
        var own = settings.GroupBy == GroupMode.Project
            ? "one project group per project of a current or future confirmed event (an event without a project gives none)"
            : "one event group per current or future confirmed event";
        var bases = settings.BaseGroups.Count == 0
            ? "no base groups"
            : $"always the base group(s) {string.Join(", ", settings.BaseGroups.Select(b => $"'{b}'"))}, eligible or not";
        var others = settings.PreserveManualGroups ? "other groups kept (PreserveManualGroups)" : "other groups removed";
        return $"{own}; {bases}; {others}";
    }

    /// <summary>Protected records whose externalId a person would read as this employee's id (<c>0012</c> for 12).</summary>
    private static List<string> ProtectedLookAlikes(MobieTrainSnapshot mobieTrain, long employeeId) =>
        mobieTrain.Users.Where(u => ExternalId.LooksLike(u.ExternalId, employeeId)).Select(u => $"user {u.Id} with externalId '{u.ExternalId}'")
            .Concat(mobieTrain.Invitations.Where(i => ExternalId.LooksLike(i.ExternalId, employeeId))
                .Select(i => $"invitation {i.Id} with externalId '{i.ExternalId}'"))
            .ToList();

    private static List<RuleDecision> Decisions(TenantPreview preview, long employeeId, StaffCloudEmployee? employee, StaffCloudFacts? facts,
        List<MobieTrainRecordFacts> records, List<PlannedActionView> actions)
    {
        var decisions = new List<RuleDecision>
        {
            new("status", employee is null
                ? "StaffCloud does not return this employee (hard-deleted, or never existed)"
                : $"{employee.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {facts!.StatusMeaning}"),
        };

        if (DeletionProof(preview.Snapshot.StaffCloud, employeeId, employee, records.Count > 0) is { } proof)
            decisions.Add(new("proof", proof));

        if (facts is not null)
        {
            var current = facts.ConfirmedEvents.Where(e => e.CurrentOrFuture).ToList();
            decisions.Add(new("confirmed events", facts.ConfirmedEvents.Count == 0
                ? "no confirmed (status 7) assignment to a current or future event; other assignment statuses do not count"
                : string.Join("; ", facts.ConfirmedEvents.Select(e => $"event {e.EventId} ({(e.CurrentOrFuture ? "current or future" : "finished or not active")})"))));
            var eligible = Definitions.IsEligible(employee!.Status, current.Count);
            decisions.Add(new("eligible", eligible
                ? $"yes: active and confirmed on {current.Count} current or future event(s)"
                : !Definitions.IsActive(employee.Status) ? "no: not active (status 4)" : "no: no confirmed current or future event"));
            decisions.Add(new("profile", facts.HasFirstName && facts.HasLastName ? "first and last name present" : "InvalidProfile: a name is empty"));
            decisions.Add(new("contact", $"email {facts.Email}, phone {facts.Phone}" + (facts.Email != "valid" && facts.Phone != "valid" ? " → NoContact" : string.Empty)));
            decisions.Add(new("groups", GroupsDecision(preview.Settings)));
            decisions.Add(new("language", facts.Language is null ? $"unknown or absent → invitations use the tenant default '{preview.Settings.DefaultLanguage}'" : facts.Language));
        }

        decisions.Add(new("MobieTrain", records.Count == 0
            ? "no user or invitation with this employee id"
            : string.Join("; ", records.Select(r => $"{r.Kind} {r.Id} in {r.GroupIds.Count} group(s)"))));
        if (ProtectedLookAlikes(preview.Snapshot.MobieTrain, employeeId) is { Count: > 0 } lookAlikes)
        {
            decisions.Add(new("protected", string.Join("; ", lookAlikes)
                + ": not this employee's — a synced person's externalId is the id in canonical decimal form (another integration's"
                + " personnel number looks like this); the sync never changes or deletes it, only its e-mail counts against a new invitation"));
        }

        if (actions.Any(a => a.Kind == "holdDeletion"))
        {
            var guard = preview.Plan.DeletionGuard;
            var unproven = guard.Unproven > 0 ? $" and {guard.Unproven} records left out by StaffCloud's list, unproven," : string.Empty;
            decisions.Add(new("deletion guard", $"held: {guard.Deletions} deletions{unproven} > threshold {guard.Threshold}; an operator must allow deletions"));
        }

        decisions.Add(new("the sync will", actions.Count == 0 ? "do nothing for this person" : string.Join("; ", actions.Select(a => $"{a.Kind} ({a.Rule}): {a.Why}"))));
        return decisions;
    }

    private static string Summary(
        StaffCloudEmployee? employee, StaffCloudFacts? facts, List<MobieTrainRecordFacts> records, List<PlannedActionView> actions) =>
        actions.FirstOrDefault(a => a.Kind == "skip") is { } skip ? $"Not synced: skipped — {skip.Why}."
        : actions.Count > 0 ? "Will " + string.Join(", then ", actions.Select(a => a.Kind)) + "."
        : employee is null ? (records.Count == 0 ? "Unknown to StaffCloud and not in MobieTrain: nothing to do."
            : "Not returned by StaffCloud: its MobieTrain records are removed.")
        : !Definitions.IsActive(employee.Status)
            ? $"Not invited: status {employee.Status} ({facts!.StatusMeaning}); only active employees (status 4) are invited."
        : records.Count > 0 ? "Already in MobieTrain and up to date: nothing to do."
        : facts!.ConfirmedEvents.Any(e => e.CurrentOrFuture)
            ? "Eligible, but the plan has no action for them (check the deletion guard and the run's failures)."
            : "Not invited: not confirmed (status 7) on any current or future event.";

    /// <summary>What StaffCloud's answers prove about a synced person's deactivation; null for a person with nothing in MobieTrain,
    /// or who is neither deactivated nor missing from the list.</summary>
    internal static string? DeletionProof(StaffCloudSnapshot staffCloud, long employeeId, StaffCloudEmployee? employee, bool inMobieTrain)
    {
        if (!inMobieTrain)
            return null;

        if (employee is null)
        {
            return staffCloud.ProvenDeleted.Contains(employeeId)
                ? "hard-deleted: StaffCloud's employees list left this person out, and GET /employees/{id} answered 404"
                    + (staffCloud.ReadPathProof is { } path ? $" (StaffCloud's JSON error answer; {path} showed that the single read works)" : string.Empty)
                : "none: StaffCloud's employees list left this person out and, with more missing than the deletion threshold, they were not read singly; nothing is deleted until an approved run reads them and StaffCloud answers 404";
        }

        var omitted = staffCloud.OmittedByList.Contains(employee.Id)
            ? "StaffCloud's employees list left this person out; GET /employees/{id} returned the record, which is used as read; "
            : string.Empty;
        return employee.Status switch
        {
            var status when Definitions.IsDeactivatedStatus(status) =>
                $"{omitted}deactivated: StaffCloud reports status {status!.Value.ToString(CultureInfo.InvariantCulture)}",
            _ when omitted.Length > 0 => omitted.TrimEnd(' ', ';'),
            _ => null,
        };
    }

    private static string Validity(string? raw, string? normalized) =>
        normalized is not null ? "valid" : string.IsNullOrWhiteSpace(raw) ? "absent" : "invalid";

    private static string StatusMeaning(int? status) => status switch
    {
        0 => "incomplete — left alone",
        1 => "applicant — left alone",
        2 => "provisional — left alone",
        3 => "candidate — left alone",
        StaffCloudStatus.EmployeeActive => "active",
        StaffCloudStatus.EmployeeInactive => "inactive — deactivated: removed from MobieTrain",
        StaffCloudStatus.EmployeeDeleted => "deleted — deactivated: removed from MobieTrain",
        null => "no status — left alone",
        _ => "unknown status — left alone",
    };
}
