using System.Collections;
using StaffCloudSync.Cli.Commands.Notifications;
using StaffCloudSync.Cli.Commands;
using StaffCloudSync.Cli.Commands.Operations;
using StaffCloudSync.Cli.Commands.Sandbox;
using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli;

/// <summary>The CLI, callable in-process: arguments in, exit code out, output to the given writers (tests pass StringWriters, an
/// environment and a last word on the services); Program.cs passes the console and owns the private Azurite and Ctrl+C.</summary>
public static class CliApp
{
    public const string Name = "staffcloud-sync";

    private static readonly HashSet<string> CommandWords = new(StringComparer.Ordinal)
    {
        "sandbox", "run", "demo", "tenants", "list", "show", "add", "update", "enable", "disable", "allow-deletions", "sync", "explain", "runs",
        "notifications", "check", "claim",
    };

    /// <param name="environment">The app settings as environment variables; null reads the process's.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        IReadOnlyDictionary<string, string?>? environment = null, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, environment ?? ProcessEnvironment(), configureServices)
        {
            // Known before parsing, so that even a parse error keeps standard output to one JSON document.
            Json = args.Contains("--json", StringComparer.Ordinal),
            CommandPath = string.Join(' ', args.TakeWhile(CommandWords.Contains)),
        };
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);

        var registrations = new ServiceCollection();
        registrations.AddSingleton(context);
        var app = new CommandApp(new TypeRegistrar(registrations));
        app.Configure(config => Configure(config, context));
        try
        {
            var code = await app.RunAsync(args, cancellationToken);
            if (context.CommandStarted)
                return code;

            // Spectre showed help: asked for (--help, --version) is success; shown for want of a command is a usage error.
            return code == 0 && args.Length > 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, context, verbose, cancellationToken);
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None);
            await stderr.FlushAsync(CancellationToken.None);
        }
    }

    private static void Configure(IConfigurator config, CliContext context)
    {
        config.SetApplicationName(Name);
        config.SetApplicationVersion(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
        config.ConfigureConsole(context.Output);
        config.UseStrictParsing();
        config.PropagateExceptions();
        config.SetInterceptor(new CommandStartInterceptor(context));
        config.SetHelpProvider(new ExitCodesHelpProvider(config.Settings));

        config.AddBranch("sandbox", sandbox =>
        {
            sandbox.SetDescription("Run the sync on the simulators (real clients, Azurite storage): scenarios and the demo; no Azure account needed");
            sandbox.AddCommand<SandboxRunCommand>("run")
                .WithDescription("Run a scenario file and report every run; --json prints the scenario output document (scenario-format.md)")
                .WithExample("sandbox", "run", "../shared/scenarios/01-invite-new-eligible.json")
                .WithExample("sandbox", "run", "../shared/scenarios/01-invite-new-eligible.json", "--json");
            sandbox.AddCommand<SandboxDemoCommand>("demo")
                .WithDescription("Run the demo tenant twice: the first run invites, the second has nothing to do")
                .WithExample("sandbox", "demo");
            sandbox.AddCommand<SandboxBenchCommand>("bench")
                .WithDescription("Measure the performance targets on generated tenants (docs/performance.md); exit 1 when one is missed")
                .WithExample("sandbox", "bench")
                .WithExample("sandbox", "bench", "--suite", "planning", "--suite", "rate-limit");
        });

        config.AddBranch("tenants", tenants =>
        {
            tenants.SetDescription("The tenant registry (the Tenants table): list, show, add, check, update, enable, disable, allow deletions, claim, StaffCloud notifications");
            tenants.AddCommand<TenantsListCommand>("list")
                .WithDescription("Every tenant: enabled, StaffCloud tenant, MobieTrain account, time zone, valid, approval pending")
                .WithExample("tenants", "list", "--settings", "local.settings.json");
            tenants.AddCommand<TenantsShowCommand>("show")
                .WithDescription("Every setting and whether it is the default, the row's problems, the secrets by name and whether each can be read")
                .WithExample("tenants", "show", "acme");
            tenants.AddCommand<TenantsAddCommand>("add")
                .WithDescription("Add a tenant (every field validated), then say which secrets to create")
                .WithExample("tenants", "add", "acme", "--staffcloud-tenant", "acme", "--mobietrain-account", "acme-ch", "--time-zone", "Europe/Zurich");
            tenants.AddCommand<TenantsCheckCommand>("check")
                .WithDescription("Before the first run: the row, its secrets, both systems' answers and what the first run would meet (reads only); exit 1 when a check fails")
                .WithExample("tenants", "check", "acme")
                .WithExample("tenants", "check", "acme", "--json");
            tenants.AddCommand<TenantsUpdateCommand>("update")
                .WithDescription("Change the given settings only; refused if someone changed the row since it was read")
                .WithExample("tenants", "update", "acme", "--deletion-threshold-percent", "30");
            tenants.AddCommand<TenantsEnableCommand>("enable").WithDescription("Scheduled runs sync the tenant").WithExample("tenants", "enable", "acme");
            tenants.AddCommand<TenantsDisableCommand>("disable").WithDescription("Scheduled runs skip the tenant (dry runs still work)").WithExample("tenants", "disable", "acme");
            tenants.AddCommand<TenantsAllowDeletionsCommand>("allow-deletions")
                .WithDescription("One-shot approval: the next non-dry run applies the removals the deletion guard holds")
                .WithExample("tenants", "allow-deletions", "acme");
            tenants.AddCommand<TenantsClaimCommand>("claim")
                .WithDescription("Claim the tenant's MobieTrain account (creates its marker) after showing what it holds; --all --yes for every row")
                .WithExample("tenants", "claim", "acme")
                .WithExample("tenants", "claim", "--all", "--yes");
            tenants.AddCommand<TenantsClearQuarantineCommand>("clear-quarantine")
                .WithDescription("Lift a quarantine after fixing its cause: scheduled runs sync the tenant twice a day again")
                .WithExample("tenants", "clear-quarantine", "acme");
            tenants.AddCommand<TenantsNotificationsCommand>("notifications")
                .WithDescription("The URL StaffCloud's notifications call for early runs, the secret's az line; --register/--unregister the StaffCloud webhooks")
                .WithExample("tenants", "notifications", "acme", "--base-url", "https://func-staffcloudsync-prod.azurewebsites.net")
                .WithExample("tenants", "notifications", "acme", "--register");
        });

        config.AddCommand<SyncCommand>("sync")
            .WithDescription("Run one tenant's sync now, inline, under its lease; print the report (or the plan, with --dry-run)")
            .WithExample("sync", "acme", "--dry-run")
            .WithExample("sync", "acme", "--json");
        config.AddCommand<ExplainCommand>("explain")
            .WithDescription("Why is this person (not) invited? Every rule's decision, as a run now would decide (writes nothing)")
            .WithExample("explain", "acme", "4711");
        // A branch with a default command: `runs acme` lists as it always did, `runs show acme <run>` expands one.
        config.AddBranch("runs", runs =>
        {
            runs.SetDescription("Recent run records, newest first; show expands one, --csv prints its results file");
            runs.SetDefaultCommand<RunsCommand>();
            runs.AddExample("runs", "acme", "--max", "5");
            runs.AddExample("runs", "acme", "--run", "<run id>");
            runs.AddCommand<RunsShowCommand>("show")
                .WithDescription("One run with its skipped records, failures and held deletions; --csv: its results file (one line per person and action)")
                .WithExample("runs", "show", "acme", "<run id>")
                .WithExample("runs", "show", "acme", "<run id>", "--csv");
        });
    }

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            values[(string)entry.Key] = entry.Value as string;

        return values;
    }
}
