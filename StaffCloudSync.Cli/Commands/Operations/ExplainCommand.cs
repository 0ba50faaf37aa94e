using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Operations;

internal sealed class ExplainSettings : TenantSettingsBase
{
    [CommandArgument(1, "<employee-id>"), Description("The StaffCloud employee id (MobieTrain's externalId)")]
    public string EmployeeId { get; init; } = string.Empty;

    public long Employee => long.Parse(EmployeeId, NumberStyles.None, CultureInfo.InvariantCulture);

    public override ValidationResult Validate() =>
        long.TryParse(EmployeeId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? ValidationResult.Success()
            : ValidationResult.Error($"<employee-id>: '{EmployeeId}' is not a StaffCloud employee id (a positive decimal number)");
}

/// <summary>Reads both systems and writes nothing; contact details show as valid/invalid/absent, never as values.</summary>
internal sealed class ExplainCommand(CliContext context) : CliCommand<ExplainSettings>(context)
{
    protected override async Task<int> RunAsync(ExplainSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Everything);
        await TenantErrors.RequireValidAsync(host.Get<TenantStore>(), settings.TenantId, cancellationToken);
        var explanation = await host.Get<TenantOperations>().ExplainAsync(settings.TenantId, settings.Employee, cancellationToken);
        Context.Report(explanation, console => Write(console, explanation));
        return ExitCodes.Success;
    }

    private static void Write(IAnsiConsole console, EmployeeExplanation explanation)
    {
        console.Line($"Employee {explanation.EmployeeId} of tenant {explanation.TenantId}, as a run at {CliFormat.Time(explanation.At)} would decide:");
        console.Write(new Text(explanation.Summary + "\n", new Style(decoration: Decoration.Bold)));
        console.Line($"MobieTrain account {explanation.AccountId} · marker: {explanation.Marker}");

        console.Heading("Rules");
        console.Write(Tables.Create("Rule", "Decision")
            .Rows(explanation.Decisions, decision => [decision.Rule, decision.Decision]));

        console.Heading("StaffCloud");
        if (explanation.StaffCloud is { } facts)
        {
            console.Line($"status {facts.Status?.ToString(CultureInfo.InvariantCulture) ?? "—"} ({facts.StatusMeaning}) · first name {(facts.HasFirstName ? "present" : "missing")} · "
                + $"last name {(facts.HasLastName ? "present" : "missing")} · e-mail {facts.Email} · phone {facts.Phone} · language {facts.Language ?? "—"}");
            if (facts.ConfirmedEvents.Count == 0)
                console.Line("confirmed events: none");
            else
            {
                console.Write(Tables.Create("Event", "Name", "Status", "Start", "End", "Current or future", "Group", "Group id")
                    .Rows(facts.ConfirmedEvents, e => [e.EventId.ToString(CultureInfo.InvariantCulture), e.Name, e.Status?.ToString(CultureInfo.InvariantCulture), Local(e.Start), Local(e.End),
                        CliFormat.YesNo(e.CurrentOrFuture), e.GroupName, e.GroupId]));
            }
        }
        else
            console.Line("StaffCloud does not return this employee.");

        console.Heading("MobieTrain");
        if (explanation.MobieTrain.Count == 0)
            console.Line("no user or invitation carries this employee id");
        else
        {
            console.Write(Tables.Create("Kind", "Id", "Since", "Groups")
                .Rows(explanation.MobieTrain, record => [record.Kind, record.Id, CliFormat.Time(record.Since), record.GroupIds.Count == 0 ? "none" : string.Join(", ", record.GroupIds)]));
        }

        console.Heading("Planned actions");
        if (explanation.Actions.Count == 0)
        {
            console.Line("none");
            return;
        }

        console.Write(Tables.Create("Kind", "Rule", "MobieTrain id", "Why")
            .Rows(explanation.Actions, action => [action.Kind, action.Rule, action.MobieTrainId, action.Why]));
    }

    /// <summary>StaffCloud's wall-clock time in the tenant's zone, as StaffCloud shows it.</summary>
    private static string Local(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";
}
